package dev.edgeauth.gateway.revocation;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The revocation feed as an operator watches it: whether the gateway hears the feed, has
 * read it up to date, how far it has read, and how many revoked sessions it refuses. An
 * alert on {@code edgeauth.gateway.revocation.feed.up == 0} or
 * {@code edgeauth.gateway.revocation.caught_up == 0} catches a gateway that would keep
 * accepting the tokens of sessions ended meanwhile.
 */
final class RevocationFeedMetrics implements MeterBinder {

    private final RevocationFeedClient feed;

    private final RevocationCatchUp catchUp;

    private final RevokedSessions revokedSessions;

    RevocationFeedMetrics(RevocationFeedClient feed, RevocationCatchUp catchUp, RevokedSessions revokedSessions) {
        this.feed = feed;
        this.catchUp = catchUp;
        this.revokedSessions = revokedSessions;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("edgeauth.gateway.revocation.feed.up", this.feed, (feed) -> feed.reachable() ? 1 : 0)
            .description("1 while the revocation feed answers (stream open or last poll answered), else 0")
            .register(registry);
        Gauge.builder("edgeauth.gateway.revocation.feed.streaming", this.feed, (feed) -> feed.streaming() ? 1 : 0)
            .description("1 while the revocation event stream is open, 0 while the feed is polled")
            .register(registry);
        Gauge.builder("edgeauth.gateway.revocation.feed.last_seq", this.feed, RevocationFeedClient::lastSeq)
            .description("The last revocation seq applied")
            .register(registry);
        Gauge.builder("edgeauth.gateway.revocation.caught_up", this.catchUp, (catchUp) -> catchUp.caughtUp() ? 1 : 0)
            .description("1 once the revocation feed has been read up to date since the start or the last outage "
                    + "longer than the access-token lifetime, else 0 (ready-timeout may have made the gateway ready)")
            .register(registry);
        Gauge.builder("edgeauth.gateway.revocation.sessions", this.revokedSessions, RevokedSessions::size)
            .description("Revoked sessions whose tokens are refused now")
            .register(registry);
        FunctionCounter.builder("edgeauth.gateway.revocation.evicted", this.revokedSessions, RevokedSessions::evicted)
            .description("Revoked sessions dropped before their forget_after to stay within max-entries")
            .register(registry);
    }

}
