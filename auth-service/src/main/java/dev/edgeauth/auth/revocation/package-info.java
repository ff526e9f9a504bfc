/**
 * The revocation feed: every ended session, in commit order, for the gateways (contract,
 * "Revocation feed"; specs/sessions.md).
 */
@NullMarked
package dev.edgeauth.auth.revocation;

import org.jspecify.annotations.NullMarked;
