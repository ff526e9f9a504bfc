package dev.edgeauth.auth.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of {@code GET /auth/admin/events}, newest first.
 *
 * @param items the events
 * @param nextCursor the cursor of the next (older) page; {@code null} on the last page
 */
record AuthEventPage(List<AuthEventView> items, @Nullable String nextCursor) {

}
