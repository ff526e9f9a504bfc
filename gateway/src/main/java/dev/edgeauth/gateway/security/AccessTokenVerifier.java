package dev.edgeauth.gateway.security;

import reactor.core.publisher.Mono;

/**
 * Verifies a compact access token. An implementation signals
 * {@link InvalidTokenException} for every refusal.
 *
 * <p>
 * The seam for a verified-token cache (a decorator keyed by a hash of the whole token):
 * revocation is checked by the caller after this, so a cache here never skips it.
 */
interface AccessTokenVerifier {

    Mono<AccessToken> verify(String token);

}
