package dev.edgeauth.taskservice.task;

import java.util.UUID;

import dev.edgeauth.common.testing.WholeResponseClientConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error row of the contract that applies to the task backend: the status, the
 * stable code, the problem+json shape, and never a stack trace, a class name or SQL in
 * the body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(WholeResponseClientConfiguration.class)
class TaskApiErrorTests {

    private final WebTestClient client;

    private final TaskClient tasks;

    @Autowired
    TaskApiErrorTests(WebTestClient client) {
        this.client = client;
        this.tasks = new TaskClient(client);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"title\":42}", "{\"title\":\"a\",\"completed\":\"true\"}",
            "{\"title\":\"a\",\"completed\":1}", "{\"title\":true}", "{\"title\":[\"a\"]}", "{\"title\":\"a\"} {}",
            "{\"title\":\"a\"}x", "{\"title\":", "not json", "[]", "\"a\"", "{\"title\":\"a\",\"owner_id\":\"x\"}",
            "{}", "{\"title\":null}", "{\"title\":\"\"}", "{\"title\":\"   \"}", "{\"title\":\"a\\u0000b\"}",
            "{\"title\":\"line\\nbreak\"}", "{\"title\":\"\\ud800\"}" })
    void createWhenBodyInvalidThenBadRequestProblem(String body) {
        expectProblem(this.tasks.post(TaskClient.newUser(), body), 400, "invalid_request");
    }

    @Test
    void createWhenTitleAtLimitThenAcceptedAndOneMoreRefused() {
        UUID user = TaskClient.newUser();
        String emoji = "\uD83D\uDE00";
        this.tasks.post(user, "{\"title\":\"" + emoji.repeat(500) + "\"}").expectStatus().isCreated();
        expectProblem(this.tasks.post(user, "{\"title\":\"" + "x".repeat(501) + "\"}"), 400, "invalid_request");
    }

    @Test
    void createWhenTitleLooksLikeSqlThenStoredVerbatim() {
        UUID user = TaskClient.newUser();
        String title = "'; DROP TABLE tasks; -- \\\" OR 1=1";
        this.tasks.post(user, "{\"title\":\"" + title + "\"}")
            .expectStatus()
            .isCreated()
            .expectBody()
            .jsonPath("$.title")
            .isEqualTo("'; DROP TABLE tasks; -- \" OR 1=1");
    }

    @Test
    void patchWhenWrongTypeOrUnknownFieldThenBadRequest() {
        UUID user = TaskClient.newUser();
        String id = (String) this.tasks.create(user, "keep me").get("id");
        expectProblem(this.tasks.patch(user, id, "{\"completed\":\"yes\"}"), 400, "invalid_request");
        expectProblem(this.tasks.patch(user, id, "{\"title\":\"\"}"), 400, "invalid_request");
        expectProblem(this.tasks.patch(user, id, "{\"id\":\"" + UUID.randomUUID() + "\"}"), 400, "invalid_request");
        this.tasks.as(user)
            .get()
            .uri("/api/tasks/{id}", id)
            .exchange()
            .expectBody()
            .jsonPath("$.title")
            .isEqualTo("keep me");
    }

    @ParameterizedTest
    @ValueSource(strings = { "limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1.5", "limit=", "cursor=%%%",
            "cursor=bm90LWEtY3Vyc29y", "cursor=" })
    void listWhenQueryInvalidThenBadRequest(String query) {
        expectProblem(this.tasks.as(TaskClient.newUser()).get().uri("/api/tasks?" + query).exchange(), 400,
                "invalid_request");
    }

    @Test
    void requestWhenNoUserIdThenUnauthorizedWithBearerChallenge() {
        expectProblem(this.client.get().uri("/api/tasks").exchange(), 401, "invalid_token").expectHeader()
            .valueEquals("WWW-Authenticate", "Bearer");
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-a-uuid", "1-1-1-1-1", "", "11111111-1111-1111-1111-11111111111g" })
    void requestWhenUserIdMalformedThenUnauthorized(String userId) {
        expectProblem(this.client.get().uri("/api/tasks").header("X-User-Id", userId).exchange(), 401, "invalid_token");
    }

    @Test
    void requestWhenTwoUserIdsThenUnauthorized() {
        expectProblem(this.client.get()
            .uri("/api/tasks")
            .header("X-User-Id", UUID.randomUUID().toString(), UUID.randomUUID().toString())
            .exchange(), 401, "invalid_token");
    }

    @Test
    void getWhenUnknownOrMalformedIdThenNotFound() {
        UUID user = TaskClient.newUser();
        expectProblem(this.tasks.as(user).get().uri("/api/tasks/{id}", UUID.randomUUID()).exchange(), 404, "not_found");
        expectProblem(this.tasks.as(user).get().uri("/api/tasks/not-a-uuid").exchange(), 404, "not_found");
    }

    @Test
    void requestWhenUnknownPathThenNotFoundProblem() {
        expectProblem(this.tasks.as(TaskClient.newUser()).get().uri("/api/nothing-here").exchange(), 404, "not_found");
    }

    @Test
    void createWhenBodyOverLimitThenPayloadTooLarge() {
        String huge = "{\"title\":\"" + "x".repeat(70 * 1024) + "\"}";
        expectProblem(this.tasks.post(TaskClient.newUser(), huge), 413, "payload_too_large");
    }

    @Test
    void createWhenNotJsonThenUnsupportedMediaType() {
        expectProblem(this.tasks.as(TaskClient.newUser())
            .post()
            .uri("/api/tasks")
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("title=x")
            .exchange(), 415, "unsupported_media_type");
    }

    @Test
    void requestWhenMethodNotSupportedThenMethodNotAllowedWithAllow() {
        expectProblem(this.tasks.as(TaskClient.newUser()).put().uri("/api/tasks").exchange(), 405, "method_not_allowed")
            .expectHeader()
            .exists("Allow");
    }

    private static WebTestClient.ResponseSpec expectProblem(WebTestClient.ResponseSpec response, int status,
            String code) {
        response.expectStatus()
            .isEqualTo(status)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(status)
            .jsonPath("$.code")
            .isEqualTo(code)
            .jsonPath("$.type")
            .isEqualTo("tag:edgeauth.dev,2026:problem:" + code)
            .jsonPath("$.title")
            .isNotEmpty()
            .jsonPath("$.detail")
            .isNotEmpty()
            .consumeWith((result) -> assertThat(new String(result.getResponseBodyContent())).doesNotContain("Exception",
                    "java.", "tools.jackson", "SELECT", "at dev.", "\tat "));
        return response;
    }

}
