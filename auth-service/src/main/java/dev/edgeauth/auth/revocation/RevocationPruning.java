package dev.edgeauth.auth.revocation;

import java.time.Clock;
import java.time.Duration;

import dev.edgeauth.auth.system.PeriodicTask;
import dev.edgeauth.common.logging.DecisionLog;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * Every minute, deletes the revocations that no access token can outlive any more (past
 * their {@code forget_after}): the feed stays as long as the access-token lifetime, not
 * as long as the service has run.
 */
@Component
class RevocationPruning extends PeriodicTask {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final DecisionLog decisions = DecisionLog.of(RevocationPruning.class);

    private final RevocationLog log;

    private final Clock clock;

    RevocationPruning(RevocationLog log, Clock clock) {
        super(INTERVAL, Schedulers.parallel());
        this.log = log;
        this.clock = clock;
    }

    @Override
    protected Mono<Long> runOnce() {
        return this.log.prune(this.clock.instant()).onErrorResume((ex) -> {
            // Retried next round; an old revocation left meanwhile only costs a row.
            decisions.warn("revocation_prune_failed", "cause", ex.getClass().getSimpleName());
            return Mono.empty();
        });
    }

}
