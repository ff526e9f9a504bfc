/**
 * The audit trail: the {@code auth_events} rows (specs/api.md), who the client was
 * ({@code ClientInfo}), writing them and the admins' view of them.
 */
@NullMarked
package dev.edgeauth.auth.audit;

import org.jspecify.annotations.NullMarked;
