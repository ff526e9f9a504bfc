package dev.edgeauth.auth.revocation;

import java.time.Instant;
import java.util.UUID;

/**
 * One item of the feed.
 *
 * @param seq its position: commit order, possibly with gaps
 * @param sessionId the session that ended ({@code sid})
 * @param forgetAfter when no access token of the session can be valid any more
 * @param reason why it ended
 */
public record Revocation(long seq, UUID sessionId, Instant forgetAfter, String reason) {

}
