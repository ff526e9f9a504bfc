package dev.edgeauth.auth.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.edgeauth.auth.audit.AuthEventOutcome;
import dev.edgeauth.auth.audit.AuthEventType;
import dev.edgeauth.auth.audit.ClientEvents;
import dev.edgeauth.auth.audit.ClientInfo;
import dev.edgeauth.auth.crypto.SecretEncryption;
import dev.edgeauth.auth.revocation.RevocationReason;
import dev.edgeauth.common.logging.DecisionLog;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * {@code POST /auth/refresh}: refresh-token rotation with reuse detection (RFC 9700
 * §4.14.2, OAuth 2.0 Security BCP), specs/sessions.md:
 *
 * <ul>
 * <li>the live token is spent and its successor issued, with a fresh access token; the
 * session's idle expiry slides, never past its absolute one;</li>
 * <li>a spent token presented again within the grace window is a concurrent refresh: the
 * same successor (kept encrypted for the window) and a fresh access token;</li>
 * <li>after the window it is reuse: the session is revoked, which kills every token of
 * it, the revocation and the audit row commit, and the answer is 401
 * {@code invalid_grant};</li>
 * <li>unknown, malformed, expired or revoked: 401 {@code invalid_grant}, with a failure
 * row.</li>
 * </ul>
 *
 * The common case, a live token of a live session, is one statement in autocommit
 * ({@link SessionRepository#rotateLive}): it changes something only if the token is
 * unspent and the session live, with both rows locked. When it changes nothing, one
 * transaction holds the presented token's row and its session's row locked and decides on
 * what they hold (a replay, a reuse or a refusal).
 *
 * Because both paths lock the session row and re-check it under the lock, a revocation
 * and a rotation of one session are strictly ordered: nothing minted after a revocation
 * commits keeps the session alive, whatever the timestamps say.
 */
@Service
class RefreshService {

    private static final DecisionLog decisions = DecisionLog.of(RefreshService.class);

    private static final String REFUSED = "The refresh token is invalid, expired or revoked";

    private final SessionRepository sessions;

    private final SessionService sessionService;

    private final SessionProperties properties;

    private final RefreshTokens refreshTokens;

    private final SecretEncryption encryption;

    private final ClientEvents events;

    private final TransactionalOperator transaction;

    RefreshService(SessionRepository sessions, SessionService sessionService, SessionProperties properties,
            SecureRandom secureRandom, SecretEncryption encryption, ClientEvents events,
            TransactionalOperator transaction) {
        this.sessions = sessions;
        this.sessionService = sessionService;
        this.properties = properties;
        this.refreshTokens = new RefreshTokens(secureRandom);
        this.encryption = encryption;
        this.events = events;
        this.transaction = transaction;
    }

    Mono<TokenResponse> refresh(String presented, ClientInfo client) {
        if (!RefreshTokens.isWellFormed(presented)) {
            return refuse(null, client, "malformed").then(Mono.error(this::invalidGrant));
        }
        byte[] hash = RefreshTokens.hash(presented);
        return Mono.defer(() -> rotateLive(hash, client)).switchIfEmpty(Mono.defer(() -> decideLocked(hash, client)));
    }

    // The common case in one round trip; empty when the token is not the live one of a
    // live session.
    private Mono<TokenResponse> rotateLive(byte[] hash, ClientInfo client) {
        // The statement commits before the access token is minted: make sure one can be.
        this.sessionService.requireIssuable();
        Instant now = this.sessionService.now();
        String successor = this.refreshTokens.generate();
        byte[] ciphertext = this.encryption.encrypt(successor.getBytes(StandardCharsets.US_ASCII), purpose(hash));
        return this.sessions
            .rotateLive(hash, RefreshTokens.hash(successor), ciphertext, client, now,
                    now.plus(this.properties.idleTtl()))
            .map((rotated) -> {
                this.events.counted(AuthEventType.TOKEN_REFRESHED, AuthEventOutcome.SUCCESS);
                return issue(rotated.session(), rotated.email(), rotated.roles(), successor, now);
            });
    }

    private Mono<TokenResponse> decideLocked(byte[] hash, ClientInfo client) {
        Mono<Outcome> attempt = this.sessions.lockForRefresh(hash)
            .flatMap((candidate) -> decide(candidate, hash, client, this.sessionService.now()))
            .switchIfEmpty(Mono.defer(() -> refuse(null, client, "unknown")));
        // A refusal commits (its audit row, a reuse's revocation) before it is answered.
        return this.transaction.transactional(attempt)
            .flatMap((outcome) -> (outcome.tokens() != null) ? Mono.just(outcome.tokens())
                    : Mono.error(this::invalidGrant));
    }

    private Mono<Outcome> decide(RefreshCandidate candidate, byte[] hash, ClientInfo client, Instant now) {
        Session session = candidate.session();
        if (session.revokedAt() != null) {
            return refuse(candidate, client, "session_revoked");
        }
        if (!session.isLive(now)) {
            return refuse(candidate, client, "session_expired");
        }
        Instant spentAt = candidate.spentAt();
        if (spentAt == null) {
            // Only when the statement above missed a token that is live now (a clock set
            // back): rotate under the locks.
            return rotate(candidate, hash, client, now);
        }
        byte[] successor = candidate.successorCiphertext();
        if (now.isBefore(spentAt.plus(this.properties.refreshGrace())) && successor != null) {
            return replay(candidate, hash, successor, client, now);
        }
        return reuse(candidate, client, now);
    }

    private Mono<Outcome> rotate(RefreshCandidate candidate, byte[] hash, ClientInfo client, Instant now) {
        String successor = this.refreshTokens.generate();
        byte[] ciphertext = this.encryption.encrypt(successor.getBytes(StandardCharsets.US_ASCII), purpose(hash));
        Session used = candidate.session().usedAt(now, this.properties.idleTtl());
        return this.sessions
            .rotate(candidate.tokenId(), used.id(), RefreshTokens.hash(successor), ciphertext, client, now,
                    used.idleExpiresAt())
            .then(this.events.success(AuthEventType.TOKEN_REFRESHED, used.userId(), used.id(), client, Map.of()))
            .then(Mono.fromCallable(() -> issue(candidate, used, successor, now)));
    }

    // The contract: the same successor the first use returned, and a fresh access token.
    private Mono<Outcome> replay(RefreshCandidate candidate, byte[] hash, byte[] ciphertext, ClientInfo client,
            Instant now) {
        String successor;
        try {
            successor = new String(this.encryption.decrypt(ciphertext, purpose(hash)), StandardCharsets.US_ASCII);
        }
        catch (GeneralSecurityException ex) {
            // Fail closed: without the successor there is nothing safe to hand out.
            decisions.warn("refresh_successor_undecryptable", "session", candidate.session().id());
            return refuse(candidate, client, "successor_unavailable");
        }
        Session used = candidate.session().usedAt(now, this.properties.idleTtl());
        return this.sessions.markUsed(used.id(), now, used.idleExpiresAt())
            .then(this.events.success(AuthEventType.TOKEN_REFRESHED, used.userId(), used.id(), client,
                    Map.of("grace_replay", true)))
            .then(Mono.fromCallable(() -> issue(candidate, used, successor, now)));
    }

    // RFC 9700 §4.14.2: a spent token used again means one of two parties holds a stolen
    // token; the authorization server cannot tell which, so the whole session ends.
    private Mono<Outcome> reuse(RefreshCandidate candidate, ClientInfo client, Instant now) {
        Session session = candidate.session();
        decisions.warn("refresh_token_reuse_detected", "session", session.id(), "user", session.userId());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("spent_by", describe(candidate.spentByIp(), candidate.spentByUserAgent()));
        details.put("replayed_by", describe(client.ip(), client.userAgent()));
        details.put("spent_at", String.valueOf(candidate.spentAt()));
        return this.sessionService.endLocked(session.id(), RevocationReason.REUSE_DETECTED, now)
            .then(this.events.failure(AuthEventType.REFRESH_TOKEN_REUSE_DETECTED, session.userId(), session.id(),
                    client, details))
            .thenReturn(Outcome.REFUSED);
    }

    private Mono<Outcome> refuse(@Nullable RefreshCandidate candidate, ClientInfo client, String reason) {
        decisions.info("refresh_refused", "reason", reason);
        Session session = (candidate != null) ? candidate.session() : null;
        return this.events
            .failure(AuthEventType.TOKEN_REFRESHED, (session != null) ? session.userId() : null,
                    (session != null) ? session.id() : null, client, Map.of("reason", reason))
            .thenReturn(Outcome.REFUSED);
    }

    private Outcome issue(RefreshCandidate candidate, Session used, String successor, Instant now) {
        return new Outcome(issue(used, candidate.email(), candidate.roles(), successor, now));
    }

    private TokenResponse issue(Session used, String email, List<String> roles, String successor, Instant now) {
        TokenResponse.UserSummary user = new TokenResponse.UserSummary(used.userId(), email);
        return this.sessionService.issue(used, user, roles, successor, now).tokens();
    }

    private ApiException invalidGrant() {
        return new ApiException(ErrorCode.INVALID_GRANT, REFUSED);
    }

    // Binds a successor's ciphertext to the token it replaced: its hash, unique like the
    // row id but known before the one statement runs (specs/sessions.md).
    private static String purpose(byte[] spentTokenHash) {
        return "refresh-successor:" + HexFormat.of().formatHex(spentTokenHash);
    }

    private static Map<String, @Nullable String> describe(@Nullable String ip, @Nullable String userAgent) {
        Map<String, @Nullable String> client = new LinkedHashMap<>();
        client.put("ip", ip);
        client.put("user_agent", userAgent);
        return client;
    }

    /** What the transaction decided: tokens to send, or a refusal. */
    private record Outcome(@Nullable TokenResponse tokens) {

        static final Outcome REFUSED = new Outcome(null);

    }

}
