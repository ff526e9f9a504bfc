package dev.edgeauth.taskservice.task;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PATCH /api/tasks/{id}}: the fields to change; a missing field stays
 * as it is.
 *
 * @param title the new title, or {@code null} to keep it
 * @param completed the new state, or {@code null} to keep it
 */
record TaskChanges(@Nullable String title, @Nullable Boolean completed) {

}
