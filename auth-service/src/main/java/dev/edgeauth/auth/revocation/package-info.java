/**
 * The revocation feed: every ended session, in commit order, for the gateways
 * (specs/sessions.md, "Revocation feed").
 */
@NullMarked
package dev.edgeauth.auth.revocation;

import org.jspecify.annotations.NullMarked;
