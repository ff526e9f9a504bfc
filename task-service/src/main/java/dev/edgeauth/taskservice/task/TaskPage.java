package dev.edgeauth.taskservice.task;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a user's tasks, newest first.
 *
 * @param items the tasks of this page
 * @param nextCursor the cursor of the next page; {@code null} on the last page
 */
record TaskPage(List<Task> items, @Nullable String nextCursor) {

}
