package dev.edgeauth.auth.system;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.context.SmartLifecycle;

/**
 * A background job that runs one round every interval while the application runs: started
 * and stopped with the context, never overlapping itself (a round still running when the
 * next tick comes skips that tick). A subclass says what a round does and handles its own
 * failures, so one failed round never ends the job.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private final Duration interval;

    private final Scheduler scheduler;

    private @Nullable Disposable task;

    protected PeriodicTask(Duration interval, Scheduler scheduler) {
        this.interval = interval;
        this.scheduler = scheduler;
    }

    /** One round; it must not fail (log and complete instead). */
    protected abstract Mono<?> runOnce();

    @Override
    public synchronized void start() {
        this.task = Flux.interval(this.interval, this.interval, this.scheduler)
            .onBackpressureDrop()
            .concatMap((tick) -> runOnce())
            .subscribe();
    }

    @Override
    public synchronized void stop() {
        if (this.task != null) {
            this.task.dispose();
            this.task = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return this.task != null;
    }

}
