package dev.edgeauth.gateway.security;

import dev.edgeauth.token.InvalidAccessTokenException;
import reactor.core.publisher.Mono;

/**
 * Verifies a compact access token. An implementation signals
 * {@link InvalidAccessTokenException} for every refusal.
 *
 * <p>
 * The seam for a verified-token cache (a decorator keyed by a hash of the whole token):
 * revocation is checked by the caller after this, so a cache here never skips it.
 */
interface AccessTokenVerifier {

    Mono<AccessToken> verify(String token);

}
