package dev.edgeauth.gateway.revocation;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * The health contributor {@code revocationFeed}, part of the readiness group beside
 * Boot's {@code readinessState} (application.yaml): UP once the revocation feed has been
 * read up to date or {@code ready-timeout} ran out, DOWN while the gateway catches up
 * ({@link RevocationCatchUp}). Readiness is for the load balancer: the public port serves
 * meanwhile.
 */
final class RevocationFeedHealthIndicator implements ReactiveHealthIndicator {

    private final RevocationCatchUp catchUp;

    RevocationFeedHealthIndicator(RevocationCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public Mono<Health> health() {
        Health.Builder health = this.catchUp.ready() ? Health.up() : Health.down();
        return Mono.just(health.withDetail("caught_up", this.catchUp.caughtUp()).build());
    }

}
