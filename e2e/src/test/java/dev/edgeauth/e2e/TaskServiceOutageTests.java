package dev.edgeauth.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import dev.edgeauth.e2e.TimedClient.Answer;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task-service is killed (SIGKILL): the gateway answers {@code /api/**} with 503
 * {@code unavailable} and {@code Retry-After} within 2 seconds, while {@code /auth/**}
 * (login, refresh) is unaffected; started again, it serves the same session its tasks,
 * none lost and none added by the refused request.
 */
class TaskServiceOutageTests {

    /** Contract: a dependency that is down is answered 503 quickly. */
    private static final Duration UNAVAILABLE_BOUND = Duration.ofSeconds(2);

    private final Stack stack = Stack.get();

    private final WebTestClient gateway = this.stack.client();

    private final TimedClient http = new TimedClient(this.stack.gateway().url());

    @Test
    void apiWhenTaskServiceKilledThenUnavailableWithin2sAndAuthRoutesUnaffected() throws SQLException {
        Accounts ada = Accounts.signUp(this.gateway);
        this.http.createTask(ada.accessToken(), "before the crash").assertStatus(201);
        String accessToken;

        ServiceProcess taskService = this.stack.taskService();
        taskService.kill();
        try {
            assertThat(taskService.isRunning()).isFalse();
            report(this.http.tasks(ada.accessToken()).assertUnavailableWithin(UNAVAILABLE_BOUND));
            report(this.http.createTask(ada.accessToken(), "refused").assertUnavailableWithin(UNAVAILABLE_BOUND));

            Answer refreshed = report(this.http.refresh(ada.refreshToken()).assertStatus(200));
            report(this.http.login(ada.email()).assertStatus(200));
            accessToken = refreshed.json("access_token");
            report(this.http.tasks(accessToken).assertUnavailableWithin(UNAVAILABLE_BOUND));
        }
        finally {
            if (!taskService.isRunning()) {
                taskService.start();
            }
            taskService.awaitReady();
        }

        assertThat(this.http.tasks(accessToken).assertStatus(200).itemCount()).as("tasks listed").isEqualTo(1);
        assertThat(storedTasks(ada.userId())).as("task rows of the user").isEqualTo(1);
    }

    private long storedTasks(String userId) throws SQLException {
        try (Connection connection = ServiceDatabase.of(this.stack.taskService()).connect();
                PreparedStatement count = connection
                    .prepareStatement("SELECT count(*) FROM tasks.tasks WHERE owner_id = ?")) {
            count.setObject(1, UUID.fromString(userId));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static Answer report(Answer answer) {
        System.out.println("task-service killed: " + answer);
        return answer;
    }

}
