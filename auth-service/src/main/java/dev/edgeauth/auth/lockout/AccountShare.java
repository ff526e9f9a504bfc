package dev.edgeauth.auth.lockout;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How many failures one source (an address, or a device token) has added to an account's
 * account-wide count in the current window: at most {@code threshold} per window, so no
 * single source can push the account-wide count past its own limit. Pure, like
 * {@link ThrottleState}.
 *
 * @param counted failures added in the window
 * @param since when the window began, or {@code null} for none yet
 */
record AccountShare(int counted, @Nullable Instant since) {

    static final AccountShare NONE = new AccountShare(0, null);

    /**
     * The share after one more failure of the source.
     * @param now the time of the failure
     * @param window the length of a window (fixed, from its first failure)
     * @param threshold failures one source may add per window
     * @return the new share, or {@code null} when this failure is not added to the
     * account-wide count
     */
    @Nullable AccountShare afterFailure(Instant now, Duration window, int threshold) {
        if (this.since == null || !now.isBefore(this.since.plus(window))) {
            return new AccountShare(1, now);
        }
        return (this.counted < threshold) ? new AccountShare(this.counted + 1, this.since) : null;
    }

}
