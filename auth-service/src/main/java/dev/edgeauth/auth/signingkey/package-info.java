/**
 * Access-token signing keys: the algorithm, generation, rotation, the ring of keys this
 * instance signs and publishes with, and their publication as a JWK Set (RFC 7517).
 */
@NullMarked
package dev.edgeauth.auth.signingkey;

import org.jspecify.annotations.NullMarked;
