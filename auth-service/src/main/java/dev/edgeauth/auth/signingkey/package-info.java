/**
 * Access-token signing keys: the algorithm, generation, encryption at rest with the
 * key-encryption key, rotation, and their publication as a JWK Set (RFC 7517).
 */
@NullMarked
package dev.edgeauth.auth.signingkey;

import org.jspecify.annotations.NullMarked;
