package dev.edgeauth.taskservice.task;

import java.time.Instant;
import java.util.UUID;

/**
 * A task as the API shows it (the owner is implied by who asks).
 *
 * @param id the task id
 * @param title 1 to 500 characters
 * @param completed whether it is done
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Task(UUID id, String title, boolean completed, Instant createdAt, Instant updatedAt) {

}
