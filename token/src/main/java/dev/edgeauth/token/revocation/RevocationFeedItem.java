package dev.edgeauth.token.revocation;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One ended session in the revocation feed (contract: "Revocation feed"), as JSON
 * {@code {"seq","sid","forget_after","reason"}}: from now until {@code forget_after}, an
 * access token with this {@code sid} is refused.
 *
 * @param seq its position: commit order, possibly with gaps; a JSON integer
 * @param sid the session that ended
 * @param forgetAfter when no access token of the session can be valid any more: its end
 * plus the access-token lifetime plus the clock skew; RFC 3339, UTC
 * @param reason why it ended: {@code logout}, {@code session_revoked},
 * {@code reuse_detected} or {@code password_changed}
 */
@JsonPropertyOrder({ "seq", "sid", "forget_after", "reason" })
public record RevocationFeedItem(long seq, UUID sid, @JsonProperty("forget_after") Instant forgetAfter, String reason) {

    /**
     * Every member is required: an item without one is refused whole (a reader skips it
     * and logs it).
     */
    public RevocationFeedItem {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(forgetAfter, "forget_after");
        Objects.requireNonNull(reason, "reason");
    }

}
