package dev.edgeauth.taskservice.task;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/tasks}; a missing field is {@code null} here (an explicit
 * JSON {@code null} is already refused by the JSON reader).
 *
 * @param title required
 * @param completed optional, default {@code false}
 */
record NewTask(@Nullable String title, @Nullable Boolean completed) {

}
