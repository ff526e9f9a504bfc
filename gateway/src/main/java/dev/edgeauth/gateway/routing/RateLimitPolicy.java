package dev.edgeauth.gateway.routing;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * A fixed-window rate-limit policy of the routes file (contract: "Limits and abuse"): at
 * most {@code limit} requests per {@code period} for each key, the window of a key
 * starting with its first request.
 *
 * @param name the name routes refer to and the headers carry ({@code "login"})
 * @param limit requests allowed per window
 * @param period the window length, whole seconds
 * @param key what is counted: the client IP or the authenticated user
 * @param backend where the windows live: this gateway, or Redis shared by all gateways
 * @param redisFailureMode what a Redis policy does while Redis is unreachable
 */
public record RateLimitPolicy(String name, long limit, Duration period, Key key, Backend backend,
        RedisFailureMode redisFailureMode) {

    /**
     * The contract's defaults (and {@code api-ip}, which bounds the signature checks a
     * client can cause before a user is known), used unless the routes file declares a
     * policy of the same name.
     */
    public static final Map<String, RateLimitPolicy> DEFAULTS = Map.of("signup", perIp("signup", 10, 60), "login",
            perIp("login", 10, 60), "refresh", perIp("refresh", 60, 60), "api-ip",
            new RateLimitPolicy("api-ip", 200, Duration.ofSeconds(1), Key.IP, Backend.LOCAL, RedisFailureMode.LOCAL),
            "api",
            new RateLimitPolicy("api", 100, Duration.ofSeconds(1), Key.USER, Backend.LOCAL, RedisFailureMode.LOCAL),
            "password", new RateLimitPolicy("password", 5, Duration.ofSeconds(60), Key.USER, Backend.LOCAL,
                    RedisFailureMode.LOCAL));

    public RateLimitPolicy {
        Assert.hasText(name, "name cannot be empty");
        Assert.isTrue(limit > 0, "limit must be positive");
        Assert.isTrue(period.getNano() == 0 && period.getSeconds() > 0, "period must be whole seconds");
        Assert.notNull(key, "key cannot be null");
        Assert.notNull(backend, "backend cannot be null");
        Assert.notNull(redisFailureMode, "redisFailureMode cannot be null");
    }

    private static RateLimitPolicy perIp(String name, long limit, long seconds) {
        return new RateLimitPolicy(name, limit, Duration.ofSeconds(seconds), Key.IP, Backend.LOCAL,
                RedisFailureMode.LOCAL);
    }

    /** What a window counts. */
    public enum Key {

        /** The client IP as {@code ClientAddressResolver} determines it. */
        IP,

        /** The {@code sub} of the verified access token. */
        USER;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

    }

    /** Where the windows are counted. */
    public enum Backend {

        /** In this gateway's memory: each gateway counts on its own. */
        LOCAL,

        /** In Redis, shared by every gateway that uses the same Redis. */
        REDIS

    }

    /** What a Redis policy does while Redis cannot be reached. */
    public enum RedisFailureMode {

        /** Count in this gateway's memory meanwhile (each gateway allows the limit). */
        LOCAL,

        /** Refuse with 503 {@code unavailable}. */
        CLOSED

    }

}
