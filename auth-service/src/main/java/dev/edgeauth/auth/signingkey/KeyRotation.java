package dev.edgeauth.auth.signingkey;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.edgeauth.auth.audit.AuthEvent;
import dev.edgeauth.auth.audit.AuthEventOutcome;
import dev.edgeauth.auth.audit.AuthEventType;
import dev.edgeauth.auth.audit.AuthEventWriter;
import dev.edgeauth.auth.crypto.KeyEncryption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Makes new signing keys and deletes old ones. A rotation inserts generation n+1 only if
 * no instance did (a conditional insert on a unique column), so it creates exactly one
 * key however many instances race, and the {@code key_rotated} audit row is written in
 * the same transaction by the one instance that won. Keys are generated and sealed on the
 * crypto scheduler.
 */
final class KeyRotation {

    private static final Log logger = LogFactory.getLog(KeyRotation.class);

    private final SigningKeyRepository repository;

    private final AuthEventWriter audit;

    private final TransactionalOperator transactions;

    private final KeyEncryption encryption;

    private final SigningAlgorithm algorithm;

    private final SigningKeyProperties properties;

    private final Duration retention;

    private final KeyRingLoader loader;

    private final Clock clock;

    private final SecureRandom random;

    private final Scheduler scheduler;

    KeyRotation(SigningKeyRepository repository, AuthEventWriter audit, TransactionalOperator transactions,
            KeyEncryption encryption, SigningAlgorithm algorithm, SigningKeyProperties properties, Duration retention,
            KeyRingLoader loader, Clock clock, SecureRandom random, Scheduler scheduler) {
        this.repository = repository;
        this.audit = audit;
        this.transactions = transactions;
        this.encryption = encryption;
        this.algorithm = algorithm;
        this.properties = properties;
        this.retention = retention;
        this.loader = loader;
        this.clock = clock;
        this.random = random;
        this.scheduler = scheduler;
    }

    /**
     * Creates the key of the generation after {@code previous}, unless another instance
     * has: the conditional insert lets exactly one of any number of racing calls create
     * it, and that one writes the {@code key_rotated} row in the same transaction.
     * @param previous the newest key the caller knows, or {@code null} for the first key
     * @param trigger why
     * @return the key of the next generation, and whether this call created it
     */
    Mono<Rotation> rotateFrom(@Nullable SigningKey previous, RotationTrigger trigger) {
        int generation = (previous != null) ? previous.generation() + 1 : 1;
        return Mono.fromCallable(() -> newKey(generation, previous))
            .subscribeOn(this.scheduler)
            .flatMap((key) -> this.transactions.transactional(insertAndAudit(key, previous, trigger)))
            .flatMap((created) -> this.loader.load(false)
                .map((loaded) -> new Rotation(requireGeneration(loaded, generation), created)));
    }

    /** Rotates when the schedule says the newest key is due for a successor. */
    Mono<Void> rotateIfDue(KeyRing current) {
        SigningKey newest = current.newest();
        if (!current.rotationDue(now(), this.properties.rotationInterval(), this.properties.leadTime())) {
            return Mono.empty();
        }
        return rotateFrom(newest, (newest != null) ? RotationTrigger.SCHEDULE : RotationTrigger.INITIAL).then();
    }

    /** Deletes the retired keys no unexpired token can need, and reloads if any went. */
    Mono<Void> purge() {
        return this.repository.deleteRetiredBefore(now().minus(this.retention)).flatMap((deleted) -> {
            if (deleted == 0) {
                return Mono.empty();
            }
            logger.info("Deleted " + deleted + " signing key(s) that no unexpired token can need");
            return this.loader.load(false).then();
        });
    }

    /** Now, to the microsecond PostgreSQL keeps, so memory and database agree. */
    Instant now() {
        return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Mono<Boolean> insertAndAudit(StoredSigningKey key, @Nullable SigningKey previous, RotationTrigger trigger) {
        return this.repository.insertIfGenerationFree(key).flatMap((inserted) -> {
            if (!inserted) {
                logger.debug("Generation " + key.generation() + " was created by another instance");
                return Mono.just(false);
            }
            logger.info("Signing key created: kid=" + key.kid() + " generation=" + key.generation() + " trigger="
                    + trigger.value() + " activates_at=" + key.activatesAt());
            return this.audit.write(rotatedEvent(key, previous, trigger)).thenReturn(true);
        });
    }

    private AuthEvent rotatedEvent(StoredSigningKey key, @Nullable SigningKey previous, RotationTrigger trigger) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kid", key.kid());
        details.put("generation", key.generation());
        details.put("trigger", trigger.value());
        details.put("by", (trigger == RotationTrigger.OPERATOR) ? "operator" : "system");
        details.put("activates_at", key.activatesAt().toString());
        if (previous != null) {
            details.put("previous_kid", previous.kid());
        }
        return AuthEvent.system(AuthEventType.KEY_ROTATED, AuthEventOutcome.SUCCESS, key.createdAt(), details);
    }

    // The first key signs at once: no token, no cache exists yet. Every later one waits
    // the lead time, and never activates before its predecessor.
    private StoredSigningKey newKey(int generation, @Nullable SigningKey previous) {
        Instant now = now();
        Instant activatesAt = now;
        if (previous != null) {
            activatesAt = now.plus(this.properties.leadTime());
            if (activatesAt.isBefore(previous.activatesAt())) {
                activatesAt = previous.activatesAt();
            }
        }
        SigningAlgorithm.KeyPairBytes pair = this.algorithm.generate(this.random);
        try {
            String kid = this.algorithm.publicJwk(pair.publicKey()).getKeyID();
            byte[] sealed = this.encryption.encrypt(pair.privateKey(), kid, this.random);
            return new StoredSigningKey(kid, generation, this.algorithm.jwsAlgorithm().getName(), pair.publicKey(),
                    sealed, this.encryption.currentId(), now, activatesAt);
        }
        finally {
            Arrays.fill(pair.privateKey(), (byte) 0);
        }
    }

    private static SigningKey requireGeneration(KeyRing ring, int generation) {
        SigningKey key = ring.byGeneration(generation);
        if (key == null) {
            throw new IllegalStateException("Signing key generation " + generation + " is not in the database");
        }
        return key;
    }

}
