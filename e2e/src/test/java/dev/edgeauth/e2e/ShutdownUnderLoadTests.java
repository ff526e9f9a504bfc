package dev.edgeauth.e2e;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import dev.edgeauth.e2e.RawHttp.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to each service while it is busy. A request it had begun (held in flight by a
 * client that has not sent its body's last byte) finishes with its answer and its rows;
 * its readiness is down by the time its port stops taking connections; the load that
 * keeps coming meets a refused connection, or through the gateway 503 {@code unavailable}
 * with {@code Retry-After}: never a 500, a reset mid-answer or a hang. After a restart
 * the rows match the answers: no rotation, audit row or task lost, none extra. Each
 * service is started again before the next test.
 */
class ShutdownUnderLoadTests {

    /** Load threads, each a client of its own (own loopback address, own user). */
    private static final int CHAINS = 3;

    /** The shutdown phase (20 s) and a margin: a stop that takes longer hung. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

    private final Stack stack = Stack.get();

    private final WebTestClient gateway = this.stack.client();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ExecutorService load = Executors.newFixedThreadPool(CHAINS);

    @AfterEach
    void stopLoad() {
        this.load.shutdownNow();
    }

    @Test
    void authServiceWhenSigtermUnderLoadThenInFlightRotationFinishesNewOnesUnavailableAndNoRotationOrAuditRowLost()
            throws SQLException {
        ServiceProcess auth = this.stack.authService();
        long logMark = auth.logLength();
        // Signed up straight at the auth-service: the gateway's signup limit per
        // address is the other tests' too.
        List<User> users = new ArrayList<>();
        for (int i = 0; i <= CHAINS; i++) {
            users.add(User.signUp(auth.port()));
        }
        RawHttp.Held inFlight = RawHttp.from("127.0.0.60")
            .hold(auth.port(), "/auth/refresh", Map.of(), refreshBody(users.get(0).refreshToken()));
        List<Chain> chains = new ArrayList<>();
        Response finished;
        try {
            await("the held refresh in flight").atMost(Duration.ofSeconds(10))
                .until(() -> auth.activeRequests("POST") >= 1);
            for (int i = 1; i <= CHAINS; i++) {
                chains.add(rotations(RawHttp.from("127.0.0.6" + i), users.get(i)));
            }
            awaitSuccesses(chains);

            auth.terminate();
            awaitReadinessDownBeforePortCloses(auth);
            finished = inFlight.finish();
            assertThat(finished.status()).as("the refresh in flight at SIGTERM: %s", finished).isEqualTo(200);
            awaitEnded(chains);
            for (Chain chain : chains) {
                chain.assertSucceededUntil(Set.of(), true);
            }
            assertThat(auth.awaitExit(EXIT_BOUND)).as("exit status").isIn(0, 143);
        }
        finally {
            inFlight.close();
            bringBack(auth);
        }
        assertThat(auth.errorsLoggedSince(logMark)).as("auth-service ERROR lines").isEmpty();

        try (Connection database = ServiceDatabase.of(auth).connect()) {
            assertSessionWhole(database, users.get(0), 1, finished.json("refresh_token"));
            for (int i = 1; i <= CHAINS; i++) {
                Chain chain = chains.get(i - 1);
                assertSessionWhole(database, users.get(i), chain.successes(),
                        chain.lastSuccess().json("refresh_token"));
            }
        }
        // The same sessions go on: each client's last refresh token is the live one.
        for (int i = 1; i <= CHAINS; i++) {
            Response next = RawHttp.from("127.0.0.6" + i)
                .send(this.stack.gateway().port(), "POST", "/auth/refresh", Map.of(),
                        refreshBody(chains.get(i - 1).lastSuccess().json("refresh_token")));
            assertThat(next.status()).as("refresh after the restart: %s", next).isEqualTo(200);
        }
    }

    @Test
    void taskServiceWhenSigtermUnderLoadThenInFlightCreationFinishesNewOnesUnavailableAndNoTaskLostOrExtra()
            throws SQLException {
        ServiceProcess tasks = this.stack.taskService();
        long logMark = tasks.logLength();
        Accounts ada = Accounts.signUp(this.gateway);
        RawHttp.Held inFlight = RawHttp.from("127.0.0.70")
            .hold(tasks.port(), "/api/tasks", Map.of("X-User-Id", ada.userId()), "{\"title\":\"in flight\"}");
        List<Chain> chains = new ArrayList<>();
        try {
            await("the held creation in flight").atMost(Duration.ofSeconds(10))
                .until(() -> tasks.activeRequests("POST") >= 1);
            for (int i = 1; i <= CHAINS; i++) {
                chains.add(creations(RawHttp.from("127.0.0.7" + i), ada.accessToken()));
            }
            awaitSuccesses(chains);

            tasks.terminate();
            awaitReadinessDownBeforePortCloses(tasks);
            Response finished = inFlight.finish();
            assertThat(finished.status()).as("the creation in flight at SIGTERM: %s", finished).isEqualTo(201);
            awaitEnded(chains);
            for (Chain chain : chains) {
                chain.assertSucceededUntil(Set.of(), true);
            }
            assertThat(tasks.awaitExit(EXIT_BOUND)).as("exit status").isIn(0, 143);
        }
        finally {
            inFlight.close();
            bringBack(tasks);
        }
        assertThat(tasks.errorsLoggedSince(logMark)).as("task-service ERROR lines").isEmpty();

        int created = 1 + chains.stream().mapToInt(Chain::successes).sum();
        try (Connection database = ServiceDatabase.of(tasks).connect()) {
            assertThat(Rows.count(database, "SELECT count(*) FROM tasks.tasks WHERE owner_id = ?",
                    UUID.fromString(ada.userId())))
                .as("task rows: one per 201, none for a refused creation")
                .isEqualTo(created);
        }
        Response listed = RawHttp.from("127.0.0.70")
            .send(this.stack.gateway().port(), "GET", "/api/tasks?limit=100", bearer(ada.accessToken()), null);
        assertThat(listed.status()).as("the same session after the restart: %s", listed).isEqualTo(200);
    }

    @Test
    void gatewayWhenSigtermUnderLoadThenInFlightRefreshFinishesNewConnectionsRefusedAndRotationKept()
            throws SQLException {
        ServiceProcess edge = this.stack.gateway();
        long logMark = edge.logLength();
        Accounts ada = Accounts.signUp(this.gateway);
        RawHttp.Held inFlight = RawHttp.from("127.0.0.80")
            .hold(edge.port(), "/auth/refresh", Map.of(), refreshBody(ada.refreshToken()));
        List<Chain> chains = new ArrayList<>();
        Response finished;
        try {
            // The gateway streams a body to its backend: the auth-service has begun the
            // refresh too (the gateway keeps no in-flight gauge of its own).
            await("the held refresh in flight").atMost(Duration.ofSeconds(10))
                .until(() -> this.stack.authService().activeRequests("POST") >= 1);
            for (int i = 1; i <= CHAINS; i++) {
                RawHttp client = RawHttp.from("127.0.0.8" + i);
                chains.add(new Chain(this.load, 200, () -> {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    return client.send(edge.port(), "GET", "/api/tasks?limit=1", bearer(ada.accessToken()), null);
                }));
            }
            awaitSuccesses(chains);

            edge.terminate();
            awaitReadinessDownBeforePortCloses(edge);
            finished = inFlight.finish();
            assertThat(finished.status()).as("the refresh in flight at SIGTERM: %s", finished).isEqualTo(200);
            awaitEnded(chains);
            // A connection the kernel had queued when the listener closed is reset
            // unserved:
            // to the client, a refused connection.
            for (Chain chain : chains) {
                chain.assertSucceededUntil(Set.of(RawHttp.REFUSED, RawHttp.UNANSWERED), false);
            }
            assertThat(edge.awaitExit(EXIT_BOUND)).as("exit status").isIn(0, 143);
        }
        finally {
            inFlight.close();
            bringBack(edge);
        }
        assertThat(edge.errorsLoggedSince(logMark)).as("gateway ERROR lines").isEmpty();

        Response next = RawHttp.from("127.0.0.80")
            .send(edge.port(), "POST", "/auth/refresh", Map.of(), refreshBody(finished.json("refresh_token")));
        assertThat(next.status()).as("the rotated token after the restart: %s", next).isEqualTo(200);
        try (Connection database = ServiceDatabase.of(this.stack.authService()).connect()) {
            assertThat(Rows.auditTrail(database, UUID.fromString(ada.userId()))).as("audit rows of the user")
                .containsExactly("signup/success", "token_refreshed/success", "token_refreshed/success");
        }
    }

    // Rotations of one session through the gateway, paced under its refresh limit per
    // address.
    private Chain rotations(RawHttp client, User user) {
        AtomicReference<String> token = new AtomicReference<>(user.refreshToken());
        return new Chain(this.load, 200, () -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            Response answer = client.send(this.stack.gateway().port(), "POST", "/auth/refresh", Map.of(),
                    refreshBody(token.get()));
            if (answer.status() == 200) {
                token.set(answer.json("refresh_token"));
            }
            return answer;
        });
    }

    // Task creations through the gateway, paced under its per-user limit.
    private Chain creations(RawHttp client, String accessToken) {
        return new Chain(this.load, 201, () -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            return client.send(this.stack.gateway().port(), "POST", "/api/tasks", bearer(accessToken),
                    "{\"title\":\"load\"}");
        });
    }

    // One session, its chain whole up to the client's live token, and an audit row for
    // each answered event and no other.
    private static void assertSessionWhole(Connection database, User user, int rotated, String liveToken)
            throws SQLException {
        Rows.assertRefreshChainWhole(database, user.id(), rotated, liveToken);
        List<String> expected = new ArrayList<>();
        expected.add("signup/success");
        expected.addAll(Collections.nCopies(rotated, "token_refreshed/success"));
        assertThat(Rows.auditTrail(database, user.id())).as("audit rows of %s", user.id()).isEqualTo(expected);
    }

    // Polls the public port, then readiness: once the port refuses connections,
    // readiness must already be down.
    private static void awaitReadinessDownBeforePortCloses(ServiceProcess service) {
        await(service + " refusing connections, readiness down").atMost(EXIT_BOUND)
            .pollInterval(Duration.ofMillis(10))
            .until(() -> {
                boolean refused = refusesConnections(service.port());
                int readiness = service.readiness();
                assertThat(!refused || readiness != 200)
                    .as("%s refused a connection while its readiness answered 200", service)
                    .isTrue();
                return refused && readiness != 200;
            });
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return false;
        }
        catch (ConnectException ex) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static void awaitSuccesses(List<Chain> chains) {
        await("two answers of each chain").atMost(Duration.ofSeconds(20))
            .until(() -> chains.stream().allMatch((chain) -> chain.successes() >= 2 || chain.ended()));
    }

    private static void awaitEnded(List<Chain> chains) {
        await("each chain ended").atMost(EXIT_BOUND).until(() -> chains.stream().allMatch(Chain::ended));
    }

    // Started again, whatever happened, so the tests after this one find the stack
    // whole.
    private static void bringBack(ServiceProcess service) {
        service.stop();
        service.start();
        service.awaitReady();
    }

    private static String refreshBody(String refreshToken) {
        return "{\"refresh_token\":\"" + refreshToken + "\"}";
    }

    private static Map<String, String> bearer(String accessToken) {
        return Map.of("Authorization", "Bearer " + accessToken);
    }

    /**
     * A user signed up at the auth-service directly.
     *
     * @param id the user id
     * @param refreshToken the first refresh token
     */
    private record User(UUID id, String refreshToken) {

        static User signUp(int authPort) {
            String email = "sigterm." + UUID.randomUUID() + "@example.com";
            Response answer = RawHttp.from("127.0.0.1")
                .send(authPort, "POST", "/auth/signup", Map.of(),
                        "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD + "\"}");
            assertThat(answer.status()).as("signup: %s", answer).isEqualTo(201);
            String id = JSON.readTree(answer.body()).path("user").path("id").asString();
            return new User(UUID.fromString(id), answer.json("refresh_token"));
        }

    }

    /**
     * Requests one after another on a load thread, until the first that is not a success
     * (or the test ends).
     */
    private static final class Chain {

        private final int success;

        private final List<Response> answers = new CopyOnWriteArrayList<>();

        private final Future<?> running;

        Chain(ExecutorService load, int success, Supplier<Response> request) {
            this.success = success;
            this.running = load.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    Response answer = request.get();
                    this.answers.add(answer);
                    if (answer.status() != success) {
                        return;
                    }
                }
            });
        }

        int successes() {
            return (int) this.answers.stream().filter((answer) -> answer.status() == this.success).count();
        }

        Response lastSuccess() {
            return this.answers.stream()
                .filter((answer) -> answer.status() == this.success)
                .reduce((first, second) -> second)
                .orElseThrow();
        }

        boolean ended() {
            return this.running.isDone();
        }

        /**
         * Every answer a success but the last, which is one of the statuses allowed, or
         * 503 unavailable when that is allowed; the chain itself ended without an error
         * (a reset mid-answer, a hang).
         */
        void assertSucceededUntil(Set<Integer> allowedEnds, boolean unavailableAllowed) {
            try {
                this.running.get(1, TimeUnit.SECONDS);
            }
            catch (Exception ex) {
                throw new AssertionError("The chain failed after " + successes() + " successes", ex);
            }
            assertThat(this.answers).as("answers").isNotEmpty();
            Response last = this.answers.get(this.answers.size() - 1);
            assertThat(allowedEnds.contains(last.status()) || (unavailableAllowed && last.isUnavailable()))
                .as("after %d successes the chain ended on %s", successes(), last)
                .isTrue();
        }

    }

}
