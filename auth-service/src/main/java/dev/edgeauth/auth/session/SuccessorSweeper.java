package dev.edgeauth.auth.session;

import java.time.Clock;
import java.time.Duration;

import dev.edgeauth.auth.system.PeriodicTask;
import dev.edgeauth.common.logging.DecisionLog;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * Forgets the successors of spent refresh tokens once their grace window has passed
 * (contract: "kept encrypted for the length of the window only"). Every second, so a
 * ciphertext outlives its window by about a second at most; the refresh itself never uses
 * one after the window, whether or not it has been cleared yet.
 */
@Component
class SuccessorSweeper extends PeriodicTask {

    static final Duration INTERVAL = Duration.ofSeconds(1);

    private static final DecisionLog decisions = DecisionLog.of(SuccessorSweeper.class);

    private final SessionRepository sessions;

    private final SessionProperties properties;

    private final Clock clock;

    SuccessorSweeper(SessionRepository sessions, SessionProperties properties, Clock clock) {
        super(INTERVAL, Schedulers.parallel());
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected Mono<Long> runOnce() {
        return sweep();
    }

    Mono<Long> sweep() {
        return this.sessions.clearSuccessorsSpentBefore(this.clock.instant().minus(this.properties.refreshGrace()))
            .onErrorResume((ex) -> {
                // Retried next tick; meanwhile an expired successor is still never handed
                // out.
                decisions.warn("successor_sweep_failed", "cause", ex.getClass().getSimpleName());
                return Mono.empty();
            });
    }

}
