package dev.edgeauth.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import dev.edgeauth.e2e.RawHttp.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out: an operator rotates the signing key at one auth-service (lead time 5 s, JWKS
 * max-age 2 s, key refresh 1 s: the documented relation, shortened). Under a steady load
 * that refreshes at both auth-services and uses each new access token at both gateways,
 * tokens with the new {@code kid} are issued and accepted on both, and no request fails.
 */
class ScaleOutKeyRotationTests {

    /** Lead time (5 s), a key refresh (1 s) and a margin. */
    private static final Duration NEW_KEY_BOUND = Duration.ofSeconds(20);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ScaleOutStack stack = ScaleOutStack.get();

    private final ExecutorService load = Executors.newSingleThreadExecutor();

    @Test
    void operatorRotationPickedUpByBothGatewaysWithNewKidIssuedAndAcceptedAndNoFailedRequest() throws Exception {
        ScaleOutSession ada = ScaleOutSession.signUp(this.stack, RawHttp.from("127.0.13.1"));
        String oldKid = kid(ada.accessToken());
        List<String> failures = new CopyOnWriteArrayList<>();
        List<String> acceptedKids = new CopyOnWriteArrayList<>();
        AtomicReference<String> refreshToken = new AtomicReference<>(ada.refreshToken());
        Future<?> steady = this.load.submit(() -> {
            for (int n = 0; !Thread.currentThread().isInterrupted(); n++) {
                int authService = 1 + (n % 2);
                Response refreshed = ada.client()
                    .send(this.stack.authService(authService).port(), "POST", "/auth/refresh", Map.of(),
                            ScaleOutSession.refreshBody(refreshToken.get()));
                if (refreshed.status() != 200) {
                    failures.add("refresh at auth-service-" + authService + ": " + refreshed);
                    return;
                }
                refreshToken.set(refreshed.json("refresh_token"));
                String accessToken = refreshed.json("access_token");
                boolean acceptedByBoth = true;
                for (ServiceProcess gateway : this.stack.gateways()) {
                    Response used = ada.client()
                        .send(gateway.port(), "GET", "/api/tasks?limit=1",
                                Map.of("Authorization", "Bearer " + accessToken), null);
                    if (used.status() != 200) {
                        failures.add("kid " + kid(accessToken) + " at " + gateway + ": " + used);
                        acceptedByBoth = false;
                    }
                }
                if (acceptedByBoth) {
                    acceptedKids.add(kid(accessToken));
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        });
        try {
            Response rotation = RawHttp.from("127.0.0.1")
                .send(managementPort(1), "POST", "/actuator/signingkeys",
                        Map.of("Authorization", "Bearer " + Stack.OPERATOR_TOKEN), null);
            assertThat(rotation.status()).as("rotate now: %s", rotation).isEqualTo(200);
            String newKid = JSON.readTree(rotation.body()).path("key").path("kid").asString();
            assertThat(newKid).as("the new kid").isNotBlank().isNotEqualTo(oldKid);

            await("a token with the new kid issued and accepted by both gateways").atMost(NEW_KEY_BOUND)
                .until(() -> acceptedKids.contains(newKid) || !failures.isEmpty());
            // Both auth-services sign with it: two more rounds, one at each.
            int accepted = acceptedKids.size();
            await("tokens of both auth-services after the switch").atMost(NEW_KEY_BOUND)
                .until(() -> acceptedKids.size() >= accepted + 2 || !failures.isEmpty());
            assertThat(failures).as("failed requests").isEmpty();
            List<String> lastTwo = List.copyOf(acceptedKids.subList(acceptedKids.size() - 2, acceptedKids.size()));
            assertThat(lastTwo).as("the kids of the last two tokens, one from each auth-service").containsOnly(newKid);
        }
        finally {
            steady.cancel(true);
            this.load.shutdownNow();
        }
    }

    private int managementPort(int authService) {
        String url = this.stack.authService(authService).managementUrl();
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                StandardCharsets.UTF_8);
        return JSON.readTree(header).path("kid").asString();
    }

}
