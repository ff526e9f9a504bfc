package dev.edgeauth.taskservice.task;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * Tasks in PostgreSQL. Every statement is scoped to the owner, so one user can never
 * read, change or delete another user's task: such a task simply is not found.
 */
@Repository
class TaskRepository {

    private static final String COLUMNS = "id, title, completed, created_at, updated_at";

    private final DatabaseClient database;

    TaskRepository(DatabaseClient database) {
        this.database = database;
    }

    /**
     * A page of the owner's tasks, newest first.
     * @param owner the owner
     * @param after the position after which the page starts, or {@code null} for the
     * first page
     * @param count how many rows to read
     * @return the tasks
     */
    Flux<Task> findPage(UUID owner, @Nullable PageCursor after, int count) {
        if (after == null) {
            return this.database
                .sql("SELECT " + COLUMNS + " FROM tasks WHERE owner_id = :owner"
                        + " ORDER BY created_at DESC, id DESC LIMIT :count")
                .bind("owner", owner)
                .bind("count", count)
                .map(TaskRepository::toTask)
                .all();
        }
        return this.database
            .sql("SELECT " + COLUMNS + " FROM tasks WHERE owner_id = :owner AND (created_at, id) < (:createdAt, :id)"
                    + " ORDER BY created_at DESC, id DESC LIMIT :count")
            .bind("owner", owner)
            .bind("createdAt", after.createdAt())
            .bind("id", after.id())
            .bind("count", count)
            .map(TaskRepository::toTask)
            .all();
    }

    Mono<Task> find(UUID owner, UUID id) {
        return this.database.sql("SELECT " + COLUMNS + " FROM tasks WHERE id = :id AND owner_id = :owner")
            .bind("id", id)
            .bind("owner", owner)
            .map(TaskRepository::toTask)
            .one();
    }

    Mono<Task> insert(UUID owner, String title, boolean completed) {
        return this.database
            .sql("INSERT INTO tasks (owner_id, title, completed) VALUES (:owner, :title, :completed) RETURNING "
                    + COLUMNS)
            .bind("owner", owner)
            .bind("title", title)
            .bind("completed", completed)
            .map(TaskRepository::toTask)
            .one();
    }

    Mono<Task> update(UUID owner, UUID id, @Nullable String title, @Nullable Boolean completed) {
        GenericExecuteSpec update = this.database
            .sql("UPDATE tasks SET title = COALESCE(:title, title), completed = COALESCE(:completed, completed),"
                    + " updated_at = now() WHERE id = :id AND owner_id = :owner RETURNING " + COLUMNS)
            .bind("id", id)
            .bind("owner", owner);
        update = (title != null) ? update.bind("title", title) : update.bindNull("title", String.class);
        update = (completed != null) ? update.bind("completed", completed)
                : update.bindNull("completed", Boolean.class);
        return update.map(TaskRepository::toTask).one();
    }

    Mono<Boolean> delete(UUID owner, UUID id) {
        return this.database.sql("DELETE FROM tasks WHERE id = :id AND owner_id = :owner")
            .bind("id", id)
            .bind("owner", owner)
            .fetch()
            .rowsUpdated()
            .map((rows) -> rows > 0);
    }

    private static Task toTask(Readable row) {
        return new Task(row.get("id", UUID.class), row.get("title", String.class),
                Boolean.TRUE.equals(row.get("completed", Boolean.class)), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }

}
