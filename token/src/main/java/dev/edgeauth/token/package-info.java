/**
 * The access-token profile as code, one place for every service that makes or checks an
 * access token: the names on the wire ({@link AccessTokenProfile}), the keys
 * ({@link TokenSigningKey}, {@link TokenVerificationKey}), signing
 * ({@link AccessTokenSigner}) and the one verifier ({@link AccessTokenVerifier}), whose
 * rules are written once, in its Javadoc. Nothing outside this package parses, signs or
 * verifies a JWS (an architecture test holds every module to it).
 */
@NullMarked
package dev.edgeauth.token;

import org.jspecify.annotations.NullMarked;
