package dev.edgeauth.gateway.routing;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.edgeauth.gateway.routing.RoutesFile.InvalidRoutesFileException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * The {@code rate-limit-policies} section of a routes file: each declaration checked,
 * every mistake refused naming the policy and the key.
 */
final class RoutesFilePolicies {

    /** A policy name, as routes name it. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private static final Set<String> KEYS = Set.of("name", "limit", "period", "key", "backend", "redis-failure-mode");

    private static final long MAX_LIMIT = 1_000_000_000L;

    private static final Duration MAX_PERIOD = Duration.ofDays(1);

    private RoutesFilePolicies() {
    }

    /**
     * The built-in policies, each replaced by a declaration of the same name, plus the
     * file's own.
     * @param value the file's {@code rate-limit-policies}, or {@code null}
     * @return the policies by name
     */
    static Map<String, RateLimitPolicy> parse(@Nullable List<RoutesDocument.Policy> entries) {
        Map<String, RateLimitPolicy> policies = new HashMap<>(RateLimitPolicy.DEFAULTS);
        if (entries == null) {
            return policies;
        }
        Set<String> declared = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = "rate-limit-policies[" + i + "]";
            RoutesDocument.Policy entry = entries.get(i);
            if (entry == null) {
                throw new InvalidRoutesFileException(where + " must be a map");
            }
            String name = RoutesFile.required(entry.name(), "name", where);
            if (!NAME.matcher(name).matches()) {
                throw new InvalidRoutesFileException(where + ".name '" + name + "' must match " + NAME.pattern());
            }
            if (!declared.add(name)) {
                throw new InvalidRoutesFileException("rate-limit policy '" + name + "' is declared twice");
            }
            String policy = "rate-limit policy '" + name + "'";
            RateLimitPolicy.Backend backend = choice(entry.backend(), "backend", RateLimitPolicy.Backend.class,
                    RateLimitPolicy.Backend.LOCAL, policy);
            if (backend == RateLimitPolicy.Backend.LOCAL && entry.redisFailureMode() != null) {
                throw new InvalidRoutesFileException(
                        policy + ": 'redis-failure-mode' applies to 'backend: redis' only");
            }
            policies.put(name,
                    new RateLimitPolicy(name, limit(entry.limit(), policy), period(entry.period(), policy),
                            choice(entry.key(), "key", RateLimitPolicy.Key.class, null, policy), backend,
                            choice(entry.redisFailureMode(), "redis-failure-mode",
                                    RateLimitPolicy.RedisFailureMode.class, RateLimitPolicy.RedisFailureMode.LOCAL,
                                    policy)));
        }
        return policies;
    }

    private static long limit(@Nullable Long value, String policy) {
        if (value == null || value < 1 || value > MAX_LIMIT) {
            throw new InvalidRoutesFileException(policy + ": 'limit' must be a whole number from 1 to " + MAX_LIMIT);
        }
        return value;
    }

    // Whole seconds: the RateLimit headers carry the window in seconds (w=60).
    private static Duration period(@Nullable String value, String policy) {
        String message = policy + ": 'period' must be whole seconds from 1s to 1d, such as 60s or 1m";
        if (value == null) {
            throw new InvalidRoutesFileException(message);
        }
        try {
            Duration period = DurationStyle.detectAndParse(value);
            if (period.getNano() != 0 || period.getSeconds() < 1 || period.compareTo(MAX_PERIOD) > 0) {
                throw new InvalidRoutesFileException(message);
            }
            return period;
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRoutesFileException(message);
        }
    }

    private static <E extends Enum<E>> E choice(@Nullable String value, String key, Class<E> type,
            @Nullable E defaultValue, String where) {
        List<String> allowed = Arrays.stream(type.getEnumConstants())
            .map((constant) -> constant.name().toLowerCase(Locale.ROOT))
            .toList();
        if (value == null && defaultValue != null) {
            return defaultValue;
        }
        if (value != null && allowed.contains(value)) {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        }
        throw new InvalidRoutesFileException(where + ": '" + key + "' must be one of " + String.join(", ", allowed));
    }

}
