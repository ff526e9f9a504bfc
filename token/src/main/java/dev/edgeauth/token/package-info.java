/**
 * The access-token profile as code: its names, keys, signer and the one verifier, whose
 * Javadoc holds the rules; nothing outside this module parses, signs or verifies a JWS.
 */
@NullMarked
package dev.edgeauth.token;

import org.jspecify.annotations.NullMarked;
