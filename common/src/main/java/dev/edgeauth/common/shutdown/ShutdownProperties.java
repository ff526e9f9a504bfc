package dev.edgeauth.common.shutdown;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * How a service stops ({@code edgeauth.shutdown.*}).
 *
 * @param drain how long a stopping service keeps serving with its readiness already down,
 * before its graceful shutdown stops taking connections: the time a load balancer needs
 * to see readiness down and send nothing new (its check interval times its fall count,
 * and a margin). Default 0: a lone service, or one whose balancer retries a refused
 * connection elsewhere, stops at once. At most 15 s; an orchestrator's grace period must
 * cover the drain and the graceful shutdown after it (up to 20 s).
 */
@ConfigurationProperties("edgeauth.shutdown")
public record ShutdownProperties(@DefaultValue("0s") Duration drain) {

    /**
     * The longest drain: a stop then still waits for requests in flight, up to the 20 s
     * phase.
     */
    static final Duration MAX_DRAIN = Duration.ofSeconds(15);

    public ShutdownProperties {
        Assert.isTrue(!drain.isNegative() && drain.compareTo(MAX_DRAIN) <= 0,
                "edgeauth.shutdown.drain must be between 0 and " + MAX_DRAIN.toSeconds() + "s");
    }

}
