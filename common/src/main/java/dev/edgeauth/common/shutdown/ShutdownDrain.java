package dev.edgeauth.common.shutdown;

import java.time.Duration;

import dev.edgeauth.common.logging.DecisionLog;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Holds a stopping service for {@link ShutdownProperties#drain()} with its readiness
 * already down and everything else still running, so a load balancer that follows
 * readiness stops sending requests before the graceful shutdown refuses connections.
 *
 * <p>
 * Spring Boot turns readiness to {@code REFUSING_TRAFFIC} as the context starts to close,
 * then publishes {@link ContextClosedEvent}, then stops the lifecycles (the gateway's
 * revocation feed client, the auth-service's feed and periodic tasks, the web servers'
 * graceful shutdown, the management server). Waiting in the event, on the thread that
 * closes the context (the shutdown hook's, never an event loop), puts the drain between
 * the first and the rest: a request that arrives meanwhile is served as ever, revocations
 * included.
 */
public final class ShutdownDrain implements ApplicationListener<ContextClosedEvent>, ApplicationContextAware {

    private static final DecisionLog decisions = DecisionLog.of(ShutdownDrain.class);

    private final Duration drain;

    private @Nullable ApplicationContext context;

    public ShutdownDrain(ShutdownProperties properties) {
        this.drain = properties.drain();
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        // A child context's close (the management server's) reaches this listener too.
        if (event.getApplicationContext() != this.context || this.drain.isZero()) {
            return;
        }
        decisions.info("shutdown_drain", "drain_ms", this.drain.toMillis());
        try {
            Thread.sleep(this.drain.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
