package dev.edgeauth.taskservice.task;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.taskservice.identity.ForwardedIdentity;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/tasks}: the caller's tasks, as the contract's task backend section defines
 * them.
 */
@RestController
@RequestMapping(path = "/api/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
class TaskController {

    static final int DEFAULT_LIMIT = 20;

    static final int MAX_LIMIT = 100;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");

    private static final Pattern CANONICAL_UUID = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final TaskRepository tasks;

    TaskController(TaskRepository tasks) {
        this.tasks = tasks;
    }

    @GetMapping
    Mono<TaskPage> list(ForwardedIdentity caller, @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        int pageSize = parseLimit(limit);
        PageCursor after = (cursor != null) ? PageCursor.decode(cursor) : null;
        // One row more than the page tells whether another page follows, without a COUNT.
        return this.tasks.findPage(caller.userId(), after, pageSize + 1)
            .collectList()
            .map((rows) -> toPage(rows, pageSize));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Task>> create(ForwardedIdentity caller, @RequestBody NewTask body) {
        if (body.title() == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "field 'title' is required");
        }
        String title = TaskTitles.requireValid(body.title());
        boolean completed = Boolean.TRUE.equals(body.completed());
        return this.tasks.insert(caller.userId(), title, completed)
            .map((task) -> ResponseEntity.created(URI.create("/api/tasks/" + task.id())).body(task));
    }

    @GetMapping("/{id}")
    Mono<Task> get(ForwardedIdentity caller, @PathVariable String id) {
        return this.tasks.find(caller.userId(), parseId(id)).switchIfEmpty(Mono.error(TaskController::notFound));
    }

    @PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
    Mono<Task> update(ForwardedIdentity caller, @PathVariable String id, @RequestBody TaskChanges changes) {
        UUID taskId = parseId(id);
        String title = (changes.title() != null) ? TaskTitles.requireValid(changes.title()) : null;
        return this.tasks.update(caller.userId(), taskId, title, changes.completed())
            .switchIfEmpty(Mono.error(TaskController::notFound));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(ForwardedIdentity caller, @PathVariable String id) {
        return this.tasks.delete(caller.userId(), parseId(id))
            .flatMap((deleted) -> deleted ? Mono.<Void>empty() : Mono.error(notFound()));
    }

    private static TaskPage toPage(List<Task> rows, int pageSize) {
        if (rows.size() <= pageSize) {
            return new TaskPage(rows, null);
        }
        List<Task> page = rows.subList(0, pageSize);
        return new TaskPage(List.copyOf(page), PageCursor.after(page.get(pageSize - 1)).encode());
    }

    static int parseLimit(@Nullable String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        int value = DIGITS.matcher(limit).matches() ? Integer.parseInt(limit) : -1;
        if (value < 1 || value > MAX_LIMIT) {
            throw new ApiException(ErrorCode.INVALID_REQUEST,
                    "Query parameter 'limit' must be a whole number from 1 to " + MAX_LIMIT);
        }
        return value;
    }

    // An id that is not a UUID names no task: 404, like any other unknown task.
    private static UUID parseId(String id) {
        if (!CANONICAL_UUID.matcher(id).matches()) {
            throw notFound();
        }
        return UUID.fromString(id);
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "No such task");
    }

}
