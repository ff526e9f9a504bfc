/**
 * The audit trail: the {@code auth_events} rows of the contract's audit section.
 */
@NullMarked
package dev.edgeauth.auth.audit;

import org.jspecify.annotations.NullMarked;
