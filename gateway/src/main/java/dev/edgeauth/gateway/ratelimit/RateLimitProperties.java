package dev.edgeauth.gateway.ratelimit;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the rate limiter keeps its windows (the policies themselves are in the routes
 * file; specs/gateway.md, "Rate limiting").
 *
 * @param maxKeys bound on the windows kept in memory (all local policies together);
 * beyond it the least recently used are dropped; default 30,000 (584 bytes each, about
 * 17.5 MB at most)
 * @param redisUrl the Redis of shared ({@code backend: redis}) policies, standalone,
 * {@code redis://[user:password@]host:port[/db]} or {@code rediss://}; default
 * {@code redis://127.0.0.1:6379}
 * @param redisKeyPrefix prefix of the window keys in Redis; gateways that share limits
 * share it; default {@code edgeauth:rate-limit:}
 * @param redisTimeout a Redis answer slower than this counts as Redis unreachable;
 * default 200 ms
 * @param redisRetryInterval during an outage, Redis is tried again by one request per
 * interval; default 1 s
 */
@Validated
@ConfigurationProperties("edgeauth.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("30000") @Min(1000) @Max(10_000_000) long maxKeys,
        @DefaultValue("redis://127.0.0.1:6379") @NotNull URI redisUrl,
        @DefaultValue("edgeauth:rate-limit:") @NotBlank String redisKeyPrefix,
        @DefaultValue("200ms") @NotNull Duration redisTimeout,
        @DefaultValue("1s") @NotNull Duration redisRetryInterval) {

}
