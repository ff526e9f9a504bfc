package dev.edgeauth.gateway.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The one blocking call the gateway accepts on an event loop, allowed by its exact frame
 * (BlockHound itself stays on for everything else).
 */
public final class GatewayBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // resilience4j's AtomicRateLimiter backs off a lost compare-and-set with
        // LockSupport.parkNanos(1): a one-nanosecond pause (a yield in effect) when two
        // requests of the same key race, never a wait for a permission (timeout 0).
        builder.allowBlockingCallsInside("io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter",
                "compareAndSet");
    }

}
