package dev.edgeauth.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.edgeauth.gateway.testing.JwksServer;
import dev.edgeauth.gateway.testing.MutableClock;
import dev.edgeauth.gateway.testing.TestKey;
import dev.edgeauth.gateway.testing.TestTokens;
import dev.edgeauth.token.InvalidAccessTokenException;
import dev.edgeauth.token.TokenProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The verified-token cache in front of the real verifier, on a clock the test moves.
 */
class VerifiedTokenCacheTests {

    private static final Duration SKEW = Duration.ofSeconds(60);

    private final TestKey key = TestKey.generate("cache-key-1");

    private final JwksServer server = JwksServer.start(this.key);

    private final MutableClock clock = new MutableClock();

    private final JwksCache keys = new JwksCache(new JwksClient(URI.create(this.server.url()), Duration.ofSeconds(2)),
            new JwksProperties(URI.create(this.server.url()), Duration.ofMinutes(5), Duration.ofSeconds(30),
                    Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofMillis(1), Duration.ofMillis(1),
                    Duration.ofSeconds(2)),
            this.clock);

    private final AtomicInteger verifications = new AtomicInteger();

    private final JwsAccessTokenVerifier verifier = new JwsAccessTokenVerifier(this.keys,
            new TokenProperties(TestTokens.ISSUER, TestTokens.AUDIENCE, java.time.Duration.ofMinutes(15), SKEW, 4096),
            this.clock);

    private final CachingAccessTokenVerifier cache = new CachingAccessTokenVerifier((token) -> {
        this.verifications.incrementAndGet();
        return this.verifier.verify(token);
    }, this.keys, this.clock, SKEW, 1000);

    @AfterEach
    void stopServer() {
        this.server.stop();
    }

    @Test
    void verifyWhenSameTokenAgainThenServedFromCacheWithoutVerifying() {
        String token = TestTokens.valid(this.key).sign();

        AccessToken first = expectAccepted(token);
        AccessToken second = expectAccepted(token);

        assertThat(second).isEqualTo(first);
        assertThat(this.verifications).hasValue(1);
    }

    @Test
    void verifyWhenTokenDiffersInSignatureThenVerifiedAndRefused() {
        TestTokens token = TestTokens.valid(this.key);
        String genuine = token.sign();
        expectAccepted(genuine);

        String forged = token.withSignature(new byte[64]);

        expectRefused(forged, "bad_signature");
        assertThat(this.verifications).hasValue(2);
    }

    @Test
    void verifyWhenCachedTokenExpiresThenVerifiedAgainAndRefused() {
        String token = TestTokens.valid(this.key).sign();
        expectAccepted(token);

        this.clock.advance(Duration.ofSeconds(900).plus(SKEW));

        expectRefused(token, "expired");
        assertThat(this.verifications).hasValue(2);
    }

    @Test
    void verifyWhenRefusedThenNotRemembered() {
        String expired = TestTokens.valid(this.key)
            .claim("exp", this.clock.instant().minusSeconds(120).getEpochSecond())
            .sign();

        expectRefused(expired, "expired");
        expectRefused(expired, "expired");

        assertThat(this.verifications).hasValue(2);
        assertThat(this.cache.size()).isZero();
    }

    @Test
    void verifyWhenSigningKeyWithdrawnFromJwksThenCachedTokenRefused() {
        String token = TestTokens.valid(this.key).sign();
        expectAccepted(token);
        long before = this.keys.withdrawals();

        this.server.withdraw(this.key);
        this.keys.refreshInBackground();
        await().atMost(Duration.ofSeconds(5)).until(() -> this.keys.withdrawals() > before);

        expectRefused(token, "unknown_kid");
    }

    @Test
    void verifyWhenManyTokensThenCacheStaysWithinBound() {
        for (int i = 0; i < 3000; i++) {
            expectAccepted(TestTokens.valid(this.key).sign());
        }

        assertThat(this.cache.size()).isLessThanOrEqualTo(1000);
    }

    private AccessToken expectAccepted(String token) {
        AtomicReference<AccessToken> accepted = new AtomicReference<>();
        Mono.defer(() -> this.cache.verify(token))
            .as(StepVerifier::create)
            .consumeNextWith(accepted::set)
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        return accepted.get();
    }

    private void expectRefused(String token, String reason) {
        Mono.defer(() -> this.cache.verify(token))
            .as(StepVerifier::create)
            .expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidAccessTokenException.class)
                .extracting((e) -> ((InvalidAccessTokenException) e).reason().code())
                .isEqualTo(reason))
            .verify(Duration.ofSeconds(5));
    }

}
