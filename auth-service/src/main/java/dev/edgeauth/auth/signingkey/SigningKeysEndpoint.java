package dev.edgeauth.auth.signingkey;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * The operator's handle on the signing keys, on the management port only (never routed by
 * the gateway): {@code GET /actuator/signingkeys} lists them with their timeline,
 * {@code POST /actuator/signingkeys} rotates now.
 *
 * <p>
 * A rotation publishes the new key at once and lets it sign after the lead time, like a
 * scheduled one; nothing here ever returns key material.
 */
@Component
@Endpoint(id = "signingkeys")
class SigningKeysEndpoint {

    private final SigningKeyService service;

    private final Clock clock;

    SigningKeysEndpoint(SigningKeyService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @ReadOperation
    Map<String, Object> keys() {
        return describe(this.service.ring());
    }

    @WriteOperation
    Mono<Map<String, Object>> rotate() {
        return this.service.rotate().map((rotation) -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("rotated", rotation.created());
            answer.put("key", describe(this.service.ring(), rotation.key(), this.clock.instant()));
            answer.putAll(describe(this.service.ring()));
            return answer;
        });
    }

    private Map<String, Object> describe(KeyRing ring) {
        Instant now = this.clock.instant();
        List<Map<String, Object>> keys = new ArrayList<>();
        for (SigningKey key : ring.keys()) {
            keys.add(0, describe(ring, key, now));
        }
        return Map.of("keys", keys);
    }

    private static Map<String, Object> describe(KeyRing ring, SigningKey key, Instant now) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("kid", key.kid());
        described.put("generation", key.generation());
        described.put("alg", key.algorithm().getName());
        described.put("state", state(ring, key, now));
        described.put("created_at", key.createdAt().toString());
        described.put("activates_at", key.activatesAt().toString());
        described.put("retires_at", text(ring.retiresAt(key)));
        described.put("published_until", text(ring.publishedUntil(key)));
        described.put("can_sign_here", key.signingKey() != null);
        return described;
    }

    private static String state(KeyRing ring, SigningKey key, Instant now) {
        SigningKey signing = ring.signingKey(now);
        if (signing != null && signing.kid().equals(key.kid())) {
            return "signing";
        }
        if (key.activatesAt().isAfter(now)) {
            return "published";
        }
        return (ring.verificationKey(key.kid(), now) != null) ? "retired" : "expired";
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return (instant != null) ? instant.toString() : null;
    }

}
