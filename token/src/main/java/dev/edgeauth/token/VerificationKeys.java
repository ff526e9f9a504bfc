package dev.edgeauth.token;

import reactor.core.publisher.Mono;

/**
 * Where {@link AccessTokenVerifier} finds the key a token names: the gateway plugs in its
 * JWKS cache, the auth-service its key ring.
 */
@FunctionalInterface
public interface VerificationKeys {

    /**
     * The key with this id.
     * @param kid a well-formed key id
     * @return the key; empty when no such key is known (refused as
     * {@link InvalidAccessTokenException.Reason#UNKNOWN_KID}); an error of the lookup's
     * own (keys that cannot be fetched) is passed on as it is
     */
    Mono<TokenVerificationKey> key(String kid);

}
