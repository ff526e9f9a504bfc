package dev.edgeauth.e2e;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import dev.edgeauth.e2e.TimedClient.Answer;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded PostgreSQL under the auth-service and under the task-service stops (fast
 * shutdown, as an operator or a failover would) while both services keep running: signup,
 * login, refresh and {@code /api/tasks} answer 503 {@code unavailable} with
 * {@code Retry-After} within 5 seconds, never a 500 and never a hang. Started again, the
 * same servers serve the same session without any service restart (its refresh token
 * rotates, its tasks list, its logout reaches the gateway), and the rows show nothing
 * half-done: every rotation and task a client was told about is stored, nothing it was
 * refused is, and the audit trail holds exactly the answered events. No service logs an
 * ERROR for it: an outage is a WARN with its reason.
 */
class DatabaseOutageTests {

    /**
     * Contract: a dependency that is down is answered 503 quickly; this suite's bound.
     */
    private static final Duration UNAVAILABLE_BOUND = Duration.ofSeconds(5);

    /** Contract: a revoked session's access tokens are refused within 2 seconds. */
    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(2);

    private final Stack stack = Stack.get();

    private final WebTestClient gateway = this.stack.client();

    private final TimedClient http = new TimedClient(this.stack.gateway().url());

    private final Map<ServiceProcess, Long> logMarks = Map.of(this.stack.authService(),
            this.stack.authService().logLength(), this.stack.taskService(), this.stack.taskService().logLength(),
            this.stack.gateway(), this.stack.gateway().logLength());

    @Test
    void authAndApiWhenPostgresStoppedThenUnavailableWithin5sNeverA500NorAHang() {
        Accounts ada = Accounts.signUp(this.gateway);
        ServiceDatabase authDatabase = ServiceDatabase.of(this.stack.authService());
        ServiceDatabase taskDatabase = ServiceDatabase.of(this.stack.taskService());

        authDatabase.stopFast();
        taskDatabase.stopFast();
        try {
            // Twice each: the first meets the pool's connections the shutdown closed, the
            // second a server that refuses new ones.
            for (int attempt = 1; attempt <= 2; attempt++) {
                report(this.http.login(ada.email()).assertUnavailableWithin(UNAVAILABLE_BOUND));
                report(this.http.refresh(ada.refreshToken()).assertUnavailableWithin(UNAVAILABLE_BOUND));
                report(this.http.tasks(ada.accessToken()).assertUnavailableWithin(UNAVAILABLE_BOUND));
            }
            report(this.http.signup(newEmail()).assertUnavailableWithin(UNAVAILABLE_BOUND));
            report(this.http.createTask(ada.accessToken(), "refused").assertUnavailableWithin(UNAVAILABLE_BOUND));
        }
        finally {
            bringBack(this.stack.authService(), authDatabase);
            bringBack(this.stack.taskService(), taskDatabase);
        }
        assertNoErrorLogged();
    }

    @Test
    void sessionWhenPostgresStoppedMidRequestsAndStartedAgainThenWorksWithoutRestartAndNothingHalfDone()
            throws SQLException {
        Accounts ada = Accounts.signUp(this.gateway);
        this.http.createTask(ada.accessToken(), "before the outage").assertStatus(201);
        long authPid = this.stack.authService().pid();
        long taskPid = this.stack.taskService().pid();
        ServiceDatabase authDatabase = ServiceDatabase.of(this.stack.authService());
        ServiceDatabase taskDatabase = ServiceDatabase.of(this.stack.taskService());

        // Rotations straight at the auth-service (the gateway's refresh limit, 60 a
        // minute per address, would end the chain before the database does), tasks
        // through the gateway paced under its 100 a second per user: requests are in
        // flight while the servers shut down.
        TimedClient authService = new TimedClient(this.stack.authService().url());
        AtomicReference<String> refreshToken = new AtomicReference<>(ada.refreshToken());
        Chain rotations = new Chain("refresh", 200, (n) -> {
            Answer answer = authService.refresh(refreshToken.get());
            if (answer.status() == 200) {
                refreshToken.set(answer.json("refresh_token"));
            }
            return answer;
        });
        Chain creations = new Chain("create task", 201, (n) -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(15));
            return this.http.createTask(ada.accessToken(), "chain " + n);
        });
        String refusedEmail = newEmail();
        try {
            await("three answers of each chain").atMost(Duration.ofSeconds(30))
                .until(() -> (rotations.successes() >= 3 || rotations.ended())
                        && (creations.successes() >= 3 || creations.ended()));
            authDatabase.stopFast();
            taskDatabase.stopFast();
            await("each chain ended").atMost(Duration.ofSeconds(30))
                .until(() -> rotations.ended() && creations.ended());
            rotations.assertSucceededUntilUnavailable();
            creations.assertSucceededUntilUnavailable();
            report(this.http.signup(refusedEmail).assertUnavailableWithin(UNAVAILABLE_BOUND));
            report(this.http.login(ada.email()).assertUnavailableWithin(UNAVAILABLE_BOUND));
        }
        finally {
            rotations.stop();
            creations.stop();
            bringBack(this.stack.authService(), authDatabase);
            bringBack(this.stack.taskService(), taskDatabase);
        }
        assertThat(this.stack.authService().pid()).as("auth-service pid: not restarted").isEqualTo(authPid);
        assertThat(this.stack.taskService().pid()).as("task-service pid: not restarted").isEqualTo(taskPid);

        // The same session, through the gateway: the last refresh token the client was
        // given is the live one.
        Answer refreshed = this.http.refresh(refreshToken.get()).assertStatus(200);
        int rotated = rotations.successes() + 1;
        int tasks = creations.successes() + 1;
        assertThat(this.http.tasks(refreshed.json("access_token")).assertStatus(200).itemCount()).as("tasks listed")
            .isEqualTo(Math.min(100, tasks));

        UUID userId = UUID.fromString(ada.userId());
        try (Connection auth = authDatabase.connect(); Connection task = taskDatabase.connect()) {
            assertThat(Rows.count(task, "SELECT count(*) FROM tasks.tasks WHERE owner_id = ?", userId))
                .as("task rows: one per 201")
                .isEqualTo(tasks);
            assertThat(Rows.count(auth, "SELECT count(*) FROM auth.users WHERE email = ?", refusedEmail))
                .as("users of the refused signup")
                .isZero();
            Rows.assertRefreshChainWhole(auth, userId, rotated, refreshed.json("refresh_token"));
        }

        // The revocation feed runs again: a logout reaches the gateway.
        this.http.logout(ada.accessToken()).assertStatus(204);
        long loggedOut = System.nanoTime();
        await("the logged-out access token refused at the gateway").atMost(REVOCATION_BOUND)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> this.http.tasks(ada.accessToken()).status() == 401);
        System.out.println("logout after the database outage enforced at the gateway in "
                + Duration.ofNanos(System.nanoTime() - loggedOut).toMillis() + " ms");

        List<String> expected = new ArrayList<>();
        expected.add("signup/success");
        expected.addAll(Collections.nCopies(rotated, "token_refreshed/success"));
        expected.add("logout/success");
        try (Connection auth = authDatabase.connect()) {
            assertThat(Rows.auditTrail(auth, userId)).as("audit rows of the user: exactly the answered events")
                .isEqualTo(expected);
        }
        assertNoErrorLogged();
    }

    // Among the requests that met the outage: the revocation stream the gateway holds
    // open.
    private void assertNoErrorLogged() {
        for (ServiceProcess service : List.of(this.stack.authService(), this.stack.taskService(),
                this.stack.gateway())) {
            assertThat(service.errorsLoggedSince(this.logMarks.get(service))).as("%s ERROR lines", service).isEmpty();
        }
    }

    // PostgreSQL running again under a running service, whatever happened, so the
    // tests after this one find the stack whole.
    private static void bringBack(ServiceProcess service, ServiceDatabase database) {
        if (!service.isRunning()) {
            // It died with its database: a restart brings both (and the test fails on
            // the pid).
            service.start();
        }
        else if (!database.isRunning()) {
            database.start();
        }
        service.awaitReady();
    }

    private static String newEmail() {
        return "pg-outage." + UUID.randomUUID() + "@example.com";
    }

    private static void report(Answer answer) {
        System.out.println("PostgreSQL stopped: " + answer);
    }

    /**
     * One request after another on a thread of its own, until the first that is not a
     * success (or a stop).
     */
    private static final class Chain {

        private final String name;

        private final int success;

        private final List<Answer> answers = new CopyOnWriteArrayList<>();

        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private final AtomicBoolean stopped = new AtomicBoolean();

        private final Thread thread;

        Chain(String name, int success, Function<Integer, Answer> request) {
            this.name = name;
            this.success = success;
            this.thread = new Thread(() -> {
                try {
                    for (int n = 1; !this.stopped.get(); n++) {
                        Answer answer = request.apply(n);
                        this.answers.add(answer);
                        if (answer.status() != success) {
                            return;
                        }
                    }
                }
                catch (Throwable ex) {
                    // A hang or a broken connection: the test reports it.
                    this.failure.set(ex);
                }
            }, "chain-" + name);
            this.thread.setDaemon(true);
            this.thread.start();
        }

        int successes() {
            return (int) this.answers.stream().filter((answer) -> answer.status() == this.success).count();
        }

        boolean ended() {
            return !this.thread.isAlive();
        }

        void stop() {
            this.stopped.set(true);
            try {
                this.thread.join(TimedClient.HANG_TIMEOUT.multipliedBy(2).toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }

        /** Every answer a success but the last, which is 503 unavailable in time. */
        void assertSucceededUntilUnavailable() {
            System.out.println(this.name + " chain: " + successes() + " answered " + this.success + ", then "
                    + (this.answers.isEmpty() ? "nothing" : this.answers.get(this.answers.size() - 1)) + "; slowest "
                    + this.answers.stream().mapToLong((answer) -> answer.took().toMillis()).max().orElse(0) + " ms");
            assertThat(this.failure.get()).as("%s chain failure", this.name).isNull();
            assertThat(this.answers).as("%s chain answers", this.name).isNotEmpty();
            this.answers.get(this.answers.size() - 1).assertUnavailableWithin(UNAVAILABLE_BOUND);
        }

    }

}
