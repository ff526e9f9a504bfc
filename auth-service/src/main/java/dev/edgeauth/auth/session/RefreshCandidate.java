package dev.edgeauth.auth.session;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A presented refresh token's row and its session's, both locked for the rest of the
 * transaction, and the user the tokens are for.
 *
 * @param tokenId the token's row
 * @param spentAt when it was spent, or {@code null} while it is the live one
 * @param spentByIp who spent it: address
 * @param spentByUserAgent who spent it: user agent
 * @param successorCiphertext the successor it was spent for, encrypted, during the grace
 * window only
 * @param session the session
 * @param email the user's email
 * @param roles the user's roles now
 */
record RefreshCandidate(long tokenId, @Nullable Instant spentAt, @Nullable String spentByIp,
        @Nullable String spentByUserAgent, byte @Nullable [] successorCiphertext, Session session, String email,
        List<String> roles) {

}
