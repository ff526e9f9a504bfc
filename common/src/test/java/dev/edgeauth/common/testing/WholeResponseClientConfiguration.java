package dev.edgeauth.common.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Gives the {@code WebTestClient} that Spring Boot configures for a test the
 * {@link WholeResponseConnector}; import it next to {@code @AutoConfigureWebTestClient}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WholeResponseClientConfiguration {

    @Bean
    WebTestClientBuilderCustomizer wholeResponseConnector() {
        return (builder) -> builder.clientConnector(new WholeResponseConnector());
    }

}
