package dev.edgeauth.common.testing;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A deliberately blocking call on a non-blocking thread. Each module's canary test
 * expects it to fail with BlockHound's {@code BlockingOperationError}: if it does not,
 * BlockHound is not installed and the module's tests could not catch a blocked event
 * loop.
 */
public final class BlockHoundCanary {

    private BlockHoundCanary() {
    }

    /**
     * A {@code Thread.sleep} on a non-blocking thread of a parallel scheduler of its own:
     * the shared {@code Schedulers.parallel()} may still be busy with work of earlier
     * test contexts in the same JVM, and the canary must not wait for it.
     */
    public static Mono<Void> sleepOnParallelScheduler() {
        return Mono.using(() -> Schedulers.newParallel("blockhound-canary", 1),
                (scheduler) -> Mono.<Void>fromRunnable(() -> {
                    try {
                        Thread.sleep(1);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }).subscribeOn(scheduler), Scheduler::dispose);
    }

}
