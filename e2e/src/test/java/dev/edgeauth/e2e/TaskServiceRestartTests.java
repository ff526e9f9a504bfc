package dev.edgeauth.e2e;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task-service on its embedded PostgreSQL keeps its data across a restart: a task
 * created, the service stopped and started again, the task is still there.
 */
class TaskServiceRestartTests {

    private final Stack stack = Stack.get();

    private final WebTestClient gateway = this.stack.client();

    @Test
    void taskWhenServiceRestartedThenStillThere() {
        Accounts ada = Accounts.signUp(this.gateway);
        ada.as(this.gateway)
            .post()
            .uri("/api/tasks")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"title\":\"survives a restart\"}")
            .exchange()
            .expectStatus()
            .isCreated();

        this.stack.taskService().stop();
        try {
            assertThat(this.stack.taskService().isRunning()).isFalse();
        }
        finally {
            this.stack.taskService().start();
            this.stack.taskService().awaitReady();
        }

        ada.as(this.gateway)
            .get()
            .uri("/api/tasks")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.items[0].title")
            .isEqualTo("survives a restart");
    }

}
