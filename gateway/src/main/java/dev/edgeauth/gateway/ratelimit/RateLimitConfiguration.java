package dev.edgeauth.gateway.ratelimit;

import dev.edgeauth.common.problem.ProblemResponseWriter;
import dev.edgeauth.common.web.ClientAddressResolver;
import dev.edgeauth.gateway.routing.RateLimitPolicy;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limiter: windows in memory and in Redis, and its two filters (per IP before
 * everything else, per user after authentication).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    LocalRateLimiter localRateLimiter(RateLimitProperties properties) {
        return new LocalRateLimiter(properties.maxKeys(), System::nanoTime);
    }

    @Bean
    RedisWindowLimiter redisWindowLimiter(RateLimitProperties properties) {
        RedisURI uri;
        try {
            uri = RedisURI.create(properties.redisUrl());
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException(
                    "edgeauth.gateway.rate-limit.redis-url (EDGEAUTH_REDIS_URL) is not a Redis URL: "
                            + ex.getMessage());
        }
        return new RedisWindowLimiter(uri, properties.redisKeyPrefix(), properties.redisTimeout());
    }

    @Bean
    RateLimitService rateLimitService(LocalRateLimiter local, RedisWindowLimiter redis, RateLimitProperties properties,
            MeterRegistry meters) {
        return new RateLimitService(local, redis, properties.redisRetryInterval(), System::nanoTime, meters);
    }

    @Bean
    RateLimitFilter clientRateLimitFilter(RateLimitService limits, ClientAddressResolver clientAddresses,
            ProblemResponseWriter problems, MeterRegistry meters) {
        return new RateLimitFilter(RateLimitPolicy.Key.IP, limits, clientAddresses, problems, meters);
    }

    @Bean
    RateLimitFilter userRateLimitFilter(RateLimitService limits, ClientAddressResolver clientAddresses,
            ProblemResponseWriter problems, MeterRegistry meters) {
        return new RateLimitFilter(RateLimitPolicy.Key.USER, limits, clientAddresses, problems, meters);
    }

}
