/**
 * The auth-service: accounts, sessions, access and refresh tokens, and the signing keys
 * that the gateway verifies tokens with.
 */
@NullMarked
package dev.edgeauth.auth;

import org.jspecify.annotations.NullMarked;
