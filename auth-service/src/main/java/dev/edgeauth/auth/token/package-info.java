/**
 * Access tokens (RFC 9068 JWT profile): minting them for the session features, verifying
 * them for the auth-service's own endpoints, and the discovery document.
 */
@NullMarked
package dev.edgeauth.auth.token;

import org.jspecify.annotations.NullMarked;
