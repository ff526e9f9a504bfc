package dev.edgeauth.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.edgeauth.gateway.routing.RateLimitPolicy;

import org.springframework.beans.factory.DisposableBean;

/**
 * Fixed windows in Redis, shared by every gateway that uses the same Redis and key
 * prefix: one key per policy and client, counted and given its expiry by one atomic Lua
 * script (no race between the count and the expiry, one round trip).
 *
 * <p>
 * Not Spring Cloud Gateway's {@code RedisRateLimiter}: that is a token bucket, allows the
 * request when Redis fails without telling anyone, and gives no {@code Retry-After}. Here
 * every failure (refused connection, error reply, timeout) is an error for the caller,
 * which applies the policy's failure mode.
 *
 * <p>
 * Lettuce is used directly: the connection is made asynchronously on first use (never at
 * start-up, so the gateway starts with Redis down) and made again after a failed attempt;
 * nothing here ever blocks the calling thread. While a made connection is lost, Lettuce
 * reconnects in the background and commands fail at once instead of queueing.
 */
final class RedisWindowLimiter implements DisposableBean {

    /**
     * {@code INCR}; a key without expiry (new, or left without one) gets the period as
     * {@code PEXPIRE}; answers {@code {count, ttl_ms}}. The window ends when the key
     * expires, so the TTL is the honest {@code Retry-After}.
     */
    static final String SCRIPT = """
            local count = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {count, ttl}
            """;

    private final RedisClient client;

    private final RedisURI uri;

    private final String keyPrefix;

    private final Duration timeout;

    private final AtomicReference<@Nullable CompletableFuture<StatefulRedisConnection<String, String>>> connecting = new AtomicReference<>();

    private volatile @Nullable StatefulRedisConnection<String, String> connected;

    private volatile @Nullable String scriptDigest;

    private final ClientResources resources;

    RedisWindowLimiter(RedisURI uri, String keyPrefix, Duration timeout) {
        this.uri = uri;
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
        // Few threads (Redis is one connection), and reconnects quick enough for
        // "recovery when Redis returns": 100 ms doubling to at most 1 s.
        this.resources = ClientResources.builder()
            .ioThreadPoolSize(1)
            .computationThreadPoolSize(1)
            .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
        this.client = RedisClient.create(this.resources, uri);
        this.client.setOptions(ClientOptions.builder()
            .autoReconnect(true)
            // Fail fast while disconnected: a queued command would only time out.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(timeout.multipliedBy(10)).build())
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .build());
    }

    /** The decision, or an error when Redis did not answer well within the timeout. */
    Mono<RateLimitDecision> decide(RateLimitPolicy policy, String key) {
        String[] keys = { this.keyPrefix + policy.name() + ':' + key };
        String periodMillis = Long.toString(policy.period().toMillis());
        return connection().flatMap((connected) -> run(connected.reactive(), keys, periodMillis))
            .timeout(this.timeout)
            .map((reply) -> decision(policy, reply));
    }

    private Mono<List<Object>> run(RedisReactiveCommands<String, String> commands, String[] keys, String periodMillis) {
        String digest = this.scriptDigest;
        if (digest == null) {
            digest = commands.digest(SCRIPT);
            this.scriptDigest = digest;
        }
        // EVALSHA sends 40 bytes instead of the script; a Redis that restarted has
        // forgotten it (NOSCRIPT), then EVAL loads it again.
        return commands.<List<Object>>evalsha(digest, ScriptOutputType.MULTI, keys, periodMillis)
            .next()
            .onErrorResume(RedisNoScriptException.class,
                    (ex) -> commands.<List<Object>>eval(SCRIPT, ScriptOutputType.MULTI, keys, periodMillis).next());
    }

    // Made once, asynchronously; callers wait for an attempt in progress (bounded by the
    // timeout) without cancelling it, and a failed attempt lets the next caller try
    // again.
    // Once made, Lettuce keeps the connection (reconnecting in the background).
    private Mono<StatefulRedisConnection<String, String>> connection() {
        StatefulRedisConnection<String, String> made = this.connected;
        if (made != null) {
            return Mono.just(made);
        }
        CompletableFuture<StatefulRedisConnection<String, String>> attempt = this.connecting.get();
        if (attempt == null) {
            CompletableFuture<StatefulRedisConnection<String, String>> started = new CompletableFuture<>();
            if (this.connecting.compareAndSet(null, started)) {
                connect(started);
                attempt = started;
            }
            else {
                attempt = this.connecting.get();
                if (attempt == null) {
                    return Mono.error(new RedisConnectionException("Redis connection attempt just ended"));
                }
            }
        }
        return Mono.fromFuture(attempt, true);
    }

    private void connect(CompletableFuture<StatefulRedisConnection<String, String>> started) {
        try {
            this.client.connectAsync(StringCodec.UTF8, this.uri).whenComplete((connection, ex) -> {
                if (connection != null) {
                    this.connected = connection;
                }
                this.connecting.set(null);
                if (ex != null) {
                    started.completeExceptionally(ex);
                }
                else {
                    started.complete(connection);
                }
            });
        }
        catch (RuntimeException ex) {
            this.connecting.set(null);
            started.completeExceptionally(ex);
        }
    }

    private static RateLimitDecision decision(RateLimitPolicy policy, List<Object> reply) {
        if (reply.size() != 2 || !(reply.get(0) instanceof Long count) || !(reply.get(1) instanceof Long ttlMillis)) {
            throw new IllegalStateException("unexpected reply of the rate-limit script");
        }
        boolean allowed = count <= policy.limit();
        return new RateLimitDecision(policy,
                allowed ? RateLimitDecision.Outcome.ALLOWED : RateLimitDecision.Outcome.LIMITED,
                Math.max(0, policy.limit() - count), RateLimitDecision.ceilSeconds(ttlMillis * 1_000_000L));
    }

    /**
     * Closes the connection, the client and its threads in turn, on the thread that
     * closes the context (never an event loop: shutting Lettuce's resources down from one
     * of its own completion callbacks takes locks on an event loop), within a few
     * seconds.
     */
    @Override
    public void destroy() {
        StatefulRedisConnection<String, String> made = this.connected;
        if (made != null) {
            made.close();
        }
        this.client.shutdown(0, 2, TimeUnit.SECONDS);
        this.resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3_000);
    }

}
