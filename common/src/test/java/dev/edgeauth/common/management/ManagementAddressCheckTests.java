package dev.edgeauth.common.management;

import java.util.List;

import dev.edgeauth.common.testing.CapturedLogEvents;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Where a management port may listen, and with which secrets.
 */
class ManagementAddressCheckTests {

    private static final String TOKEN = "operator-secret-0123456789abcdefghijklmnop";

    private static final ManagementProperties NO_TOKEN = new ManagementProperties(null, null);

    private static final ManagementProperties WITH_TOKEN = new ManagementProperties(TOKEN, null);

    @Test
    void verifyWhenLoopbackThenStartsWithoutSecrets() {
        for (String address : List.of("127.0.0.1", "127.0.0.2", "::1")) {
            assertThatNoException().isThrownBy(() -> ManagementAddressCheck.verify(environment(address), NO_TOKEN,
                    List.of(RequiredManagementSecret.operatorToken(NO_TOKEN))));
        }
    }

    @Test
    void verifyWhenNotLoopbackWithoutRequiredSecretThenRefusedNamingIt() {
        assertThatExceptionOfType(ManagementPlaneException.class)
            .isThrownBy(() -> ManagementAddressCheck.verify(environment("0.0.0.0"), NO_TOKEN,
                    List.of(RequiredManagementSecret.operatorToken(NO_TOKEN),
                            new RequiredManagementSecret("EDGEAUTH_FEED_TOKEN", false))))
            .withMessageContaining("0.0.0.0")
            .withMessageContaining("EDGEAUTH_FEED_TOKEN and EDGEAUTH_OPERATOR_TOKEN are not set");
    }

    @Test
    void verifyWhenNoAddressSetThenEveryInterfaceAndRefused() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080")
            .withProperty("management.server.port", "8180");
        assertThatExceptionOfType(ManagementPlaneException.class)
            .isThrownBy(() -> ManagementAddressCheck.verify(environment, NO_TOKEN,
                    List.of(RequiredManagementSecret.operatorToken(NO_TOKEN))))
            .withMessageContaining("every interface");
    }

    @Test
    void verifyWhenNotLoopbackWithRequiredSecretsThenStarts() {
        assertThatNoException().isThrownBy(() -> ManagementAddressCheck.verify(environment("0.0.0.0"), WITH_TOKEN,
                List.of(RequiredManagementSecret.operatorToken(WITH_TOKEN))));
    }

    @Test
    void verifyWhenNotLoopbackAndNothingRequiredThenOnlyWarns() {
        try (CapturedLogEvents log = CapturedLogEvents.of(ManagementAddressCheck.class)) {
            assertThatNoException()
                .isThrownBy(() -> ManagementAddressCheck.verify(environment("0.0.0.0"), NO_TOKEN, List.of()));
            assertThat(log.reasonIds()).containsExactly("management_open_off_loopback");
        }
    }

    @Test
    void verifyWhenManagementPortIsThePublicPortThenRefused() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080")
            .withProperty("management.server.port", "8080")
            .withProperty("management.server.address", "127.0.0.1");
        assertThatExceptionOfType(ManagementPlaneException.class)
            .isThrownBy(() -> ManagementAddressCheck.verify(environment, WITH_TOKEN, List.of()))
            .withMessageContaining("management.server.port");
        MockEnvironment unset = new MockEnvironment().withProperty("server.port", "8080");
        assertThatExceptionOfType(ManagementPlaneException.class)
            .isThrownBy(() -> ManagementAddressCheck.verify(unset, WITH_TOKEN, List.of()));
    }

    private static MockEnvironment environment(String address) {
        return new MockEnvironment().withProperty("server.port", "8080")
            .withProperty("management.server.port", "8180")
            .withProperty("management.server.address", address);
    }

}
