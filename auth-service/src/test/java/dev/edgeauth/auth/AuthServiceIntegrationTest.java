package dev.edgeauth.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.edgeauth.common.testing.WholeResponseClientConfiguration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The whole auth-service on a random port (and a random management port) against the
 * embedded PostgreSQL with the real migrations, with a {@link MutableClock}. Give each
 * test class its own {@code edgeauth.database.schema} (with {@code @TestPropertySource})
 * when it moves time or rotates keys, so classes never see each other's keys. The test
 * client reads every response to its end ({@code WholeResponseConnector}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// A request left unanswered fails the test; 15 s (not the default 5 s) so that a full
// build on 2 busy cores is not mistaken for a hang.
@AutoConfigureWebTestClient(timeout = "15s")
@Import({ AuthServiceIntegrationTest.ClockConfiguration.class, WholeResponseClientConfiguration.class })
public @interface AuthServiceIntegrationTest {

    /**
     * Replaces the system clock with a {@link MutableClock} (primary, so every feature
     * gets it).
     */
    @TestConfiguration(proxyBeanMethods = false)
    class ClockConfiguration {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return MutableClock.startingNow();
        }

    }

}
