package dev.edgeauth.e2e;

import java.time.Duration;

import dev.edgeauth.e2e.RawHttp.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out: a session ended at either auth-service is refused by both gateways within
 * the contract's 2 seconds. The gateways read the revocation feed through HAProxy, from
 * whichever auth-service it picks: the feed is one, in the shared database.
 */
class ScaleOutRevocationTests {

    /** Contract: a revoked session's access tokens are refused within 2 seconds. */
    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(2);

    private final ScaleOutStack stack = ScaleOutStack.get();

    @ParameterizedTest(name = "logout at auth-service-{0}")
    @ValueSource(ints = { 1, 2 })
    void logoutThroughEitherAuthServiceEnforcedByBothGatewaysWithin2s(int authService) {
        ScaleOutSession ada = ScaleOutSession.signUp(this.stack, RawHttp.from("127.0.10." + authService));
        for (ServiceProcess gateway : this.stack.gateways()) {
            assertThat(ada.tasks(gateway.port()).status()).as("before the logout, at %s", gateway).isEqualTo(200);
        }

        Response logout = ada.client()
            .send(this.stack.authService(authService).port(), "POST", "/auth/logout", ada.bearer(), null);
        assertThat(logout.status()).as("logout: %s", logout).isEqualTo(204);
        long loggedOut = System.nanoTime();

        for (ServiceProcess gateway : this.stack.gateways()) {
            await("the logged-out token refused at " + gateway).atMost(REVOCATION_BOUND)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> ada.tasks(gateway.port()).status() == 401);
            System.out.println("logout at auth-service-" + authService + " enforced at " + gateway + " after "
                    + Duration.ofNanos(System.nanoTime() - loggedOut).toMillis() + " ms");
        }
    }

}
