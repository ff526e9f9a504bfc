package dev.edgeauth.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;

import dev.edgeauth.e2e.TimedClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auth-service goes away, stopped (SIGTERM) or killed (SIGKILL): the gateway keeps
 * serving {@code /api/**} to the access tokens it already has keys for (no call to the
 * auth-service per request) and answers {@code /auth/**} with 503 {@code unavailable} and
 * {@code Retry-After} within 2 seconds. Once the auth-service is back, login and the same
 * session work again, and the gateway applies the revocations it missed: one made at the
 * restarted auth-service before the gateway's feed has reconnected is enforced at the
 * edge within the contract's 2 seconds.
 */
class AuthServiceOutageTests {

    /** Contract: a dependency that is down is answered 503 quickly. */
    private static final Duration UNAVAILABLE_BOUND = Duration.ofSeconds(2);

    /** Contract: a revoked session's access tokens are refused within 2 seconds. */
    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(2);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Stack stack = Stack.get();

    private final WebTestClient gateway = this.stack.client();

    private final TimedClient http = new TimedClient(this.stack.gateway().url());

    @ParameterizedTest(name = "{0}")
    @EnumSource(Outage.class)
    void authRoutesWhenAuthServiceDownThenUnavailableWithin2sAndApiStillServed(Outage outage) {
        Accounts ada = Accounts.signUp(this.gateway);
        this.http.createTask(ada.accessToken(), "before the outage").assertStatus(201);

        outage.begin(this.stack.authService());
        try {
            this.http.tasks(ada.accessToken()).assertStatus(200);
            this.http.createTask(ada.accessToken(), "during the outage").assertStatus(201);
            report(outage, this.http.login(ada.email()).assertUnavailableWithin(UNAVAILABLE_BOUND));
            report(outage, this.http.refresh(ada.refreshToken()).assertUnavailableWithin(UNAVAILABLE_BOUND));
            report(outage, this.http.me(ada.accessToken()).assertUnavailableWithin(UNAVAILABLE_BOUND));
        }
        finally {
            bringBack(this.stack.authService());
        }

        // The same session: its refresh token was never spent, so it rotates now.
        Answer refreshed = this.http.refresh(ada.refreshToken()).assertStatus(200);
        assertThat(this.http.tasks(refreshed.json("access_token")).assertStatus(200).itemCount()).isEqualTo(2);
        this.http.login(ada.email()).assertStatus(200);
    }

    @Test
    void revocationsWhenMadeAtTheKilledAuthServiceRightAfterItIsBackThenEnforcedAtTheGatewayWithin2s() {
        Accounts loggedOut = Accounts.signUp(this.gateway);
        Accounts revoked = loggedOut.loggedInAgain(this.gateway);
        Accounts kept = loggedOut.loggedInAgain(this.gateway);
        for (Accounts session : new Accounts[] { loggedOut, revoked, kept }) {
            this.http.tasks(session.accessToken()).assertStatus(200);
        }

        this.stack.authService().kill();
        bringBack(this.stack.authService());

        // At once, before the gateway's feed has reconnected (it retries on its own
        // schedule), two revocations at the auth-service's own public URL: the gateway
        // learns of them only by catching up from its last seq.
        TimedClient authService = new TimedClient(this.stack.authService().url());
        authService.logout(loggedOut.accessToken()).assertStatus(204);
        long firstRevoked = System.nanoTime();
        authService.delete("/auth/sessions/" + sessionId(revoked), kept.accessToken()).assertStatus(204);

        await("the revoked sessions' access tokens refused at the gateway")
            .atMost(REVOCATION_BOUND.minusNanos(System.nanoTime() - firstRevoked))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> this.http.tasks(loggedOut.accessToken()).status() == 401
                    && this.http.tasks(revoked.accessToken()).status() == 401);
        System.out.println("revocations enforced at the gateway "
                + Duration.ofNanos(System.nanoTime() - firstRevoked).toMillis() + " ms after the first one");
        this.http.tasks(kept.accessToken()).assertStatus(200);
    }

    private static void bringBack(ServiceProcess service) {
        if (!service.isRunning()) {
            service.start();
        }
        service.awaitReady();
    }

    // The access token's sid claim (contract: the session id).
    private static String sessionId(Accounts session) {
        String payload = session.accessToken().split("\\.")[1];
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
            .path("sid")
            .asString();
    }

    private static void report(Outage outage, Answer answer) {
        System.out.println("auth-service " + outage + ": " + answer);
    }

    /** How the auth-service goes away. */
    enum Outage {

        /** SIGTERM: a graceful shutdown. */
        STOPPED(ServiceProcess::stop),

        /** SIGKILL: no shutdown at all, as a crash. */
        KILLED(ServiceProcess::kill);

        private final Consumer<ServiceProcess> action;

        Outage(Consumer<ServiceProcess> action) {
            this.action = action;
        }

        void begin(ServiceProcess service) {
            this.action.accept(service);
            assertThat(service.isRunning()).as("%s still running", service).isFalse();
        }

    }

}
