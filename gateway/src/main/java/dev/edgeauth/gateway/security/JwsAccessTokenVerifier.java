package dev.edgeauth.gateway.security;

import java.time.Clock;

import dev.edgeauth.token.InvalidAccessTokenException;
import dev.edgeauth.token.TokenProperties;
import reactor.core.publisher.Mono;

/**
 * The gateway's use of the platform's one verifier
 * ({@link dev.edgeauth.token.AccessTokenVerifier}, whose Javadoc lists every rule), with
 * the keys of the JWKS cache: a verified token becomes what the gateway forwards, a
 * refusal an {@link InvalidAccessTokenException} with the verifier's reason code.
 */
final class JwsAccessTokenVerifier implements AccessTokenVerifier {

    private final dev.edgeauth.token.AccessTokenVerifier verifier;

    JwsAccessTokenVerifier(JwksCache keys, TokenProperties properties, Clock clock) {
        this.verifier = new dev.edgeauth.token.AccessTokenVerifier(properties, keys::key, clock);
    }

    @Override
    public Mono<AccessToken> verify(String token) {
        return this.verifier.verify(token)
            .map((verified) -> new AccessToken(verified.userId().toString(), verified.sessionId().toString(),
                    verified.roles(), verified.expiresAt()));
    }

}
