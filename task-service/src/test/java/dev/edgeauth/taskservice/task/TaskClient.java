package dev.edgeauth.taskservice.task;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Test fixture: calls {@code /api/tasks} as a given user, the way the gateway forwards
 * identity.
 */
final class TaskClient {

    private final WebTestClient client;

    TaskClient(WebTestClient client) {
        this.client = client;
    }

    static UUID newUser() {
        return UUID.randomUUID();
    }

    /** A client that sends {@code X-User-Id: user} on every request. */
    WebTestClient as(UUID user) {
        return this.client.mutate().defaultHeader("X-User-Id", user.toString()).build();
    }

    WebTestClient.ResponseSpec post(UUID user, String json) {
        return as(user).post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    WebTestClient.ResponseSpec patch(UUID user, String id, String json) {
        return as(user).patch()
            .uri("/api/tasks/{id}", id)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(json)
            .exchange();
    }

    /** Creates a task and returns its JSON as a map. */
    @SuppressWarnings("unchecked")
    Map<String, Object> create(UUID user, String title) {
        return post(user, "{\"title\":\"" + title + "\"}").expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    }

}
