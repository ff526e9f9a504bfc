package dev.edgeauth.common.config;

import java.util.List;
import java.util.Map;

import dev.edgeauth.common.testing.CapturedLogEvents;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A renamed variable sets its property under its new name and, with a deprecation
 * warning, under its old one; the new name wins, and the command line wins over both.
 */
class RenamedVariablesTests {

    @Test
    void newNameWhenSetThenItsPropertyIsSetWithoutWarning() {
        StandardEnvironment environment = environment(Map.of("EDGEAUTH_PASSWORD_MIN_STRENGTH", "3"));

        assertThat(process(environment)).isEmpty();
        assertThat(environment.getProperty("edgeauth.password.min-strength")).isEqualTo("3");
    }

    @Test
    void oldNameWhenSetThenStillReadAndDeprecationLogged() {
        StandardEnvironment environment = environment(Map.of("EDGEAUTH_LOGIN_LOCKOUT_BASELOCK", "45s"));

        assertThat(process(environment)).singleElement()
            .asString()
            .contains("EDGEAUTH_LOGIN_LOCKOUT_BASELOCK is deprecated")
            .contains("EDGEAUTH_LOGIN_LOCKOUT_BASE_LOCK");
        assertThat(environment.getProperty("edgeauth.login.lockout.base-lock")).isEqualTo("45s");
    }

    @Test
    void bothNamesWhenSetThenTheNewOneWins() {
        StandardEnvironment environment = environment(
                Map.of("EDGEAUTH_DATABASE_CONNECT_TIMEOUT", "5s", "EDGEAUTH_DATABASE_CONNECTTIMEOUT", "1s"));

        process(environment);

        assertThat(environment.getProperty("edgeauth.database.connect-timeout")).isEqualTo("5s");
    }

    @Test
    void commandLineWhenSetThenWinsOverEitherName() {
        StandardEnvironment environment = environment(Map.of("EDGEAUTH_PASSWORD_HASHING_QUEUE", "10"));
        environment.getPropertySources()
            .addFirst(new MapPropertySource("commandLineArgs", Map.of("edgeauth.password.hashing-queue", "99")));

        process(environment);

        assertThat(environment.getProperty("edgeauth.password.hashing-queue")).isEqualTo("99");
    }

    @Test
    void backendTrustedProxiesWhenOldNameSetThenOnlyWarnedAndNotMappedForTheGateway() {
        StandardEnvironment environment = environment(Map.of("EDGEAUTH_BACKEND_TRUSTED_PROXIES", "10.0.0.0/8"));

        process(environment);

        // The backends' configuration files read it; here it must not reach the shared
        // property, or a gateway in the same environment would believe those proxies.
        assertThat(environment.getPropertySources().contains("edgeauthRenamedVariables")).isFalse();
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return environment;
    }

    // Runs the post-processor and returns the warnings it logged.
    private static List<String> process(StandardEnvironment environment) {
        DeferredLogs logs = new DeferredLogs();
        try (CapturedLogEvents log = CapturedLogEvents.of(RenamedVariables.class)) {
            new RenamedVariables(logs).postProcessEnvironment(environment, new SpringApplication());
            logs.switchOverAll();
            return log.messages();
        }
    }

}
