package dev.edgeauth.taskservice.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.edgeauth.common.testing.WholeResponseClientConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(WholeResponseClientConfiguration.class)
class TaskApiTests {

    private final TaskClient tasks;

    @Autowired
    TaskApiTests(WebTestClient client) {
        this.tasks = new TaskClient(client);
    }

    @Test
    void createWhenValidThenCreatedWithLocationAndTask() {
        UUID user = TaskClient.newUser();
        this.tasks.post(user, "{\"title\":\"write the spec\",\"completed\":true}")
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueMatches("Location", "/api/tasks/[0-9a-f-]{36}")
            .expectBody()
            .jsonPath("$.id")
            .isNotEmpty()
            .jsonPath("$.title")
            .isEqualTo("write the spec")
            .jsonPath("$.completed")
            .isEqualTo(true)
            .jsonPath("$.created_at")
            .isNotEmpty()
            .jsonPath("$.updated_at")
            .isNotEmpty();
    }

    @Test
    void getWhenOwnTaskThenReturnsIt() {
        UUID user = TaskClient.newUser();
        String id = (String) this.tasks.create(user, "buy milk").get("id");
        this.tasks.as(user)
            .get()
            .uri("/api/tasks/{id}", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.title")
            .isEqualTo("buy milk")
            .jsonPath("$.completed")
            .isEqualTo(false);
    }

    @Test
    void patchWhenFieldsGivenThenChangesOnlyThose() {
        UUID user = TaskClient.newUser();
        String id = (String) this.tasks.create(user, "draft").get("id");
        this.tasks.patch(user, id, "{\"completed\":true}")
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.title")
            .isEqualTo("draft")
            .jsonPath("$.completed")
            .isEqualTo(true);
        this.tasks.patch(user, id, "{\"title\":\"final\"}")
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.title")
            .isEqualTo("final")
            .jsonPath("$.completed")
            .isEqualTo(true);
    }

    @Test
    void deleteWhenOwnTaskThenGoneAfterwards() {
        UUID user = TaskClient.newUser();
        String id = (String) this.tasks.create(user, "temporary").get("id");
        this.tasks.as(user).delete().uri("/api/tasks/{id}", id).exchange().expectStatus().isNoContent();
        this.tasks.as(user).get().uri("/api/tasks/{id}", id).exchange().expectStatus().isNotFound();
        this.tasks.as(user).delete().uri("/api/tasks/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void otherUserWhenReadingChangingOrDeletingThenNotFoundAndTaskUntouched() {
        UUID owner = TaskClient.newUser();
        UUID intruder = TaskClient.newUser();
        String id = (String) this.tasks.create(owner, "private").get("id");

        this.tasks.as(intruder).get().uri("/api/tasks/{id}", id).exchange().expectStatus().isNotFound();
        this.tasks.patch(intruder, id, "{\"title\":\"hijacked\"}").expectStatus().isNotFound();
        this.tasks.as(intruder).delete().uri("/api/tasks/{id}", id).exchange().expectStatus().isNotFound();
        this.tasks.as(intruder)
            .get()
            .uri("/api/tasks")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.items.length()")
            .isEqualTo(0);

        this.tasks.as(owner)
            .get()
            .uri("/api/tasks/{id}", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.title")
            .isEqualTo("private");
    }

    @Test
    void listWhenMorePagesThenCursorWalksEveryTaskOnceNewestFirst() {
        UUID user = TaskClient.newUser();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add((String) this.tasks.create(user, "task " + i).get("id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = page(user, 3, cursor);
            seen.addAll(ids(page));
            cursor = (String) page.get("next_cursor");
            pages++;
        }
        while (cursor != null);

        Collections.reverse(created);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void listWhenPageExactlyFullThenNoNextCursor() {
        UUID user = TaskClient.newUser();
        this.tasks.create(user, "one");
        this.tasks.create(user, "two");
        Map<String, Object> page = page(user, 2, null);
        assertThat(ids(page)).hasSize(2);
        assertThat(page).containsEntry("next_cursor", null);
    }

    @Test
    void listWhenNoLimitThenDefaultPageOfTwenty() {
        UUID user = TaskClient.newUser();
        for (int i = 0; i < 21; i++) {
            this.tasks.create(user, "t" + i);
        }
        Map<String, Object> page = page(user, null, null);
        assertThat(ids(page)).hasSize(20);
        assertThat(page.get("next_cursor")).isNotNull();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> page(UUID user, Integer limit, String cursor) {
        return this.tasks.as(user)
            .get()
            .uri((uri) -> uri.path("/api/tasks")
                .queryParamIfPresent("limit", Optional.ofNullable(limit))
                .queryParamIfPresent("cursor", Optional.ofNullable(cursor))
                .build())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map((t) -> (String) t.get("id")).toList();
    }

}
