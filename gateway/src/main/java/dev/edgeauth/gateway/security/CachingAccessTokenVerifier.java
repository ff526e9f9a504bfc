package dev.edgeauth.gateway.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

/**
 * A bounded cache of tokens already verified, in front of the verifier: a token seen
 * again costs a SHA-256 and a map lookup instead of a parse and an Ed25519 verification.
 *
 * <ul>
 * <li>Keyed by the SHA-256 of the whole compact token (signature included): a token that
 * differs in any byte, a forged signature among them, is a miss and is verified in full.
 * The token itself is not kept.</li>
 * <li>An entry is used only before {@code exp} + clock skew (the verifier's own expiry
 * rule, on the same clock), and only while the JWKS has withdrawn no key since it was
 * verified; it leaves memory at that time at the latest. Only accepted tokens are cached:
 * a refusal is never remembered, so a token is never refused from the cache.</li>
 * <li>At most {@code max-entries} tokens; beyond that the least recently used go (a miss
 * costs one verification).</li>
 * <li>Revocation is not the verifier's job: the caller checks the revoked sessions on
 * every request, cached or not.</li>
 * </ul>
 */
final class CachingAccessTokenVerifier implements AccessTokenVerifier {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every JDK", ex);
        }
    });

    private final AccessTokenVerifier delegate;

    private final JwksCache keys;

    private final Clock clock;

    private final Duration clockSkew;

    private final Cache<TokenHash, Verified> verified;

    CachingAccessTokenVerifier(AccessTokenVerifier delegate, JwksCache keys, Clock clock, Duration clockSkew,
            long maxEntries) {
        this.delegate = delegate;
        this.keys = keys;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.verified = Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfter(new UntilUnusable())
            // Maintenance on the calling thread: no fork-join pool task per request.
            .executor(Runnable::run)
            .build();
    }

    @Override
    public Mono<AccessToken> verify(String token) {
        TokenHash hash = TokenHash.of(token);
        Verified hit = this.verified.getIfPresent(hash);
        long withdrawals = this.keys.withdrawals();
        if (hit != null) {
            if (hit.withdrawals == withdrawals && this.clock.instant().isBefore(hit.notAfter)) {
                return hit.result;
            }
            this.verified.invalidate(hash);
        }
        // The withdrawal count is read before verifying: a key withdrawn meanwhile makes
        // the entry unusable at once.
        return this.delegate.verify(token).doOnNext((accessToken) -> remember(hash, accessToken, withdrawals));
    }

    long size() {
        this.verified.cleanUp();
        return this.verified.estimatedSize();
    }

    private void remember(TokenHash hash, AccessToken accessToken, long withdrawals) {
        Instant notAfter = accessToken.expiresAt().plus(this.clockSkew);
        long lifetimeNanos = Duration.between(this.clock.instant(), notAfter).toNanos();
        if (lifetimeNanos > 0) {
            this.verified.put(hash, new Verified(Mono.just(accessToken), notAfter, withdrawals, lifetimeNanos));
        }
    }

    /** An accepted token; {@code result} is reused for every hit. */
    private record Verified(Mono<AccessToken> result, Instant notAfter, long withdrawals, long lifetimeNanos) {

    }

    /** 256 bits of SHA-256, compared as four longs. */
    private record TokenHash(long a, long b, long c, long d) {

        static TokenHash of(String token) {
            MessageDigest digest = SHA_256.get();
            ByteBuffer hash = ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
            return new TokenHash(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
        }

    }

    private static final class UntilUnusable implements Expiry<TokenHash, Verified> {

        @Override
        public long expireAfterCreate(TokenHash key, Verified value, long currentTime) {
            return value.lifetimeNanos();
        }

        @Override
        public long expireAfterUpdate(TokenHash key, Verified value, long currentTime, long currentDuration) {
            return value.lifetimeNanos();
        }

        @Override
        public long expireAfterRead(TokenHash key, Verified value, long currentTime, long currentDuration) {
            return currentDuration;
        }

    }

}
