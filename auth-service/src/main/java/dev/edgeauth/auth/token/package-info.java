/**
 * Access tokens (RFC 9068): minting them for sessions, the token module's verifier over
 * the key ring for the auth-service's own endpoints, and the discovery document.
 */
@NullMarked
package dev.edgeauth.auth.token;

import org.jspecify.annotations.NullMarked;
