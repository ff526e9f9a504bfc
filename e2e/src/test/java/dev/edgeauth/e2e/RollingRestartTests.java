package dev.edgeauth.e2e;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import dev.edgeauth.e2e.RawHttp.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out: each gateway and each auth-service restarted in turn (SIGTERM, start, back
 * in HAProxy) under a steady load through HAProxy fails no request. A stopping service's
 * readiness goes down and it keeps serving for its drain (3 s) while HAProxy's checks
 * take it out; it then finishes what it has in flight and stops.
 */
class RollingRestartTests {

    /** Load threads, each a client of its own (address, user). */
    private static final int CLIENTS = 4;

    private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

    private final ScaleOutStack stack = ScaleOutStack.get();

    private final ExecutorService load = Executors.newFixedThreadPool(CLIENTS);

    @Test
    void eachGatewayAndAuthServiceRestartedInTurnUnderSteadyLoadFailsNoRequest() throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger served = new AtomicInteger();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 1; c <= CLIENTS; c++) {
            ScaleOutSession session = ScaleOutSession.signUp(this.stack, RawHttp.from("127.0.15." + c));
            clients.add(this.load.submit(() -> steadyLoad(session, served, failures)));
        }
        List<ServiceProcess> order = new ArrayList<>(this.stack.gateways());
        order.addAll(this.stack.authServices());
        try {
            for (ServiceProcess service : order) {
                int before = served.get();
                service.terminate();
                assertThat(service.awaitExit(EXIT_BOUND)).as("%s exit status", service).isIn(0, 143);
                service.start();
                service.awaitReady();
                this.stack.awaitBalanced(service);
                System.out.println("restarted " + service + ": " + (served.get() - before)
                        + " requests served meanwhile, failures so far " + failures.size());
                assertThat(served.get()).as("requests served while %s restarted", service).isGreaterThan(before);
            }
        }
        finally {
            clients.forEach((client) -> client.cancel(true));
            this.load.shutdownNow();
            for (ServiceProcess service : order) {
                if (!service.isRunning()) {
                    service.start();
                    service.awaitReady();
                }
            }
        }
        assertThat(failures).as("failed requests out of %d", served.get()).isEmpty();
    }

    // Task reads, every fifth request a task creation and every fortieth a refresh (under
    // the gateway's 60 a minute per address), all through HAProxy, about 20 a second.
    private void steadyLoad(ScaleOutSession session, AtomicInteger served, List<String> failures) {
        AtomicReference<String> accessToken = new AtomicReference<>(session.accessToken());
        AtomicReference<String> refreshToken = new AtomicReference<>(session.refreshToken());
        int port = this.stack.publicPort();
        for (int n = 1; !Thread.currentThread().isInterrupted(); n++) {
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + accessToken.get());
            String request;
            Response answer;
            try {
                if (n % 40 == 0) {
                    request = "POST /auth/refresh";
                    answer = session.client()
                        .send(port, "POST", "/auth/refresh", Map.of(), ScaleOutSession.refreshBody(refreshToken.get()));
                    if (answer.status() == 200) {
                        accessToken.set(answer.json("access_token"));
                        refreshToken.set(answer.json("refresh_token"));
                    }
                }
                else if (n % 5 == 0) {
                    request = "POST /api/tasks";
                    answer = session.client().send(port, "POST", "/api/tasks", bearer, "{\"title\":\"rolling\"}");
                }
                else {
                    request = "GET /api/tasks";
                    answer = session.client().send(port, "GET", "/api/tasks?limit=1", bearer, null);
                }
            }
            catch (UncheckedIOException ex) {
                failures.add(session.email() + ": " + ex.getMessage() + " (" + ex.getCause() + ")");
                continue;
            }
            if (answer.status() / 100 == 2) {
                served.incrementAndGet();
            }
            else {
                failures.add(session.email() + " " + request + ": " + answer);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

}
