package dev.edgeauth.auth.signingkey;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import dev.edgeauth.auth.audit.AuthEvent;
import dev.edgeauth.auth.audit.AuthEventOutcome;
import dev.edgeauth.auth.audit.AuthEventType;
import dev.edgeauth.auth.audit.AuthEventWriter;
import dev.edgeauth.token.TokenSigningKey;
import dev.edgeauth.token.TokenVerificationKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.Assert;

/**
 * Keeps the signing keys: creates the first one, rotates them on schedule or on an
 * operator's command, re-encrypts them when the key-encryption key changes, deletes them
 * once no token they signed can still be valid, and holds the current {@link KeyRing}.
 *
 * <p>
 * Several instances may share the database. Each reloads the keys every
 * {@code refresh-interval}; a rotation inserts generation n+1 only if no instance did (a
 * conditional insert on a unique column), so a rotation creates exactly one key however
 * many instances race, and the {@code key_rotated} audit row is written in the same
 * transaction by the one instance that won.
 *
 * <p>
 * Key generation, encryption and decryption run on the bounded crypto scheduler, never on
 * an event loop.
 */
public class SigningKeyService {

    private static final Log logger = LogFactory.getLog(SigningKeyService.class);

    private final SigningKeyRepository repository;

    private final AuthEventWriter audit;

    private final TransactionalOperator transactions;

    private final KeyEncryption encryption;

    private final SigningAlgorithm algorithm;

    private final SigningKeyProperties properties;

    private final Duration retention;

    private final Clock clock;

    private final SecureRandom random;

    private final Scheduler scheduler;

    private final Object ringLock = new Object();

    private volatile KeyRing ring;

    private long loadsStarted;

    private long loadApplied;

    SigningKeyService(SigningKeyRepository repository, AuthEventWriter audit, TransactionalOperator transactions,
            KeyEncryption encryption, SigningAlgorithm algorithm, SigningKeyProperties properties, Duration retention,
            Clock clock, SecureRandom random, Scheduler scheduler) {
        Assert.notNull(repository, "repository cannot be null");
        Assert.notNull(audit, "audit cannot be null");
        Assert.notNull(transactions, "transactions cannot be null");
        Assert.notNull(encryption, "encryption cannot be null");
        Assert.notNull(algorithm, "algorithm cannot be null");
        Assert.notNull(properties, "properties cannot be null");
        Assert.notNull(retention, "retention cannot be null");
        Assert.notNull(clock, "clock cannot be null");
        Assert.notNull(random, "random cannot be null");
        Assert.notNull(scheduler, "scheduler cannot be null");
        this.repository = repository;
        this.audit = audit;
        this.transactions = transactions;
        this.encryption = encryption;
        this.algorithm = algorithm;
        this.properties = properties;
        this.retention = retention;
        this.clock = clock;
        this.random = random;
        this.scheduler = scheduler;
        this.ring = new KeyRing(List.of(), retention);
    }

    /**
     * The keys as this instance knows them now; never blocks.
     * @return the current ring
     */
    public KeyRing ring() {
        return this.ring;
    }

    /**
     * An operator's "rotate now": publishes a new key at once, which signs after the lead
     * time (so every JWKS cache has it first). While a published key is still waiting to
     * sign, no new one is made: that pending key is the answer ({@code created} false).
     * So any number of requests leave at most one pending key, and the signing key never
     * falls out of the JWKS the gateways read.
     * @return the new key, or the one already pending
     */
    public Mono<Rotation> rotate() {
        return load(false).flatMap((current) -> {
            SigningKey newest = current.newest();
            if (newest != null && newest.activatesAt().isAfter(now())) {
                return Mono.just(new Rotation(newest, false));
            }
            return rotateFrom(newest, (newest != null) ? RotationTrigger.OPERATOR : RotationTrigger.INITIAL);
        });
    }

    /**
     * Start-up: re-encrypts keys still under the previous key-encryption key, proves
     * every stored key can be decrypted with the configured one, creates the first key on
     * an empty database and catches up with the schedule.
     * @return the ring to serve with
     * @throws KeyEncryptionKeyException (as the error) when the key-encryption key does
     * not fit the stored keys
     */
    Mono<KeyRing> initialize() {
        return this.repository.findAll()
            .collectList()
            .flatMap(this::reencryptFromPrevious)
            .then(load(true))
            .flatMap((loaded) -> rotateIfDue(loaded).then(load(true)))
            .flatMap((loaded) -> purge().thenReturn(loaded))
            .doOnNext((loaded) -> logger.info("Signing keys ready: " + describe(loaded)));
    }

    /**
     * One maintenance round, run every {@code refresh-interval} by every instance:
     * reloads the keys (learning other instances' rotations), rotates when the schedule
     * says so and deletes keys no token can need any more.
     * @return completion
     */
    Mono<Void> maintain() {
        return load(false).flatMap(this::rotateIfDue).then(purge());
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
            .flatMap((created) -> load(false)
                .map((loaded) -> new Rotation(requireGeneration(loaded, generation), created)));
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

    private Mono<Void> rotateIfDue(KeyRing current) {
        SigningKey newest = current.newest();
        if (!current.rotationDue(now(), this.properties.rotationInterval(), this.properties.leadTime())) {
            return Mono.empty();
        }
        return rotateFrom(newest, (newest != null) ? RotationTrigger.SCHEDULE : RotationTrigger.INITIAL).then();
    }

    private Mono<Void> purge() {
        return this.repository.deleteRetiredBefore(now().minus(this.retention)).flatMap((deleted) -> {
            if (deleted == 0) {
                return Mono.empty();
            }
            logger.info("Deleted " + deleted + " signing key(s) that no unexpired token can need");
            return load(false).then();
        });
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

    private Mono<Void> reencryptFromPrevious(List<StoredSigningKey> rows) {
        String previousId = this.encryption.previousId();
        if (previousId == null) {
            return Mono.empty();
        }
        List<StoredSigningKey> stale = rows.stream().filter((row) -> row.kekId().equals(previousId)).toList();
        if (stale.isEmpty()) {
            logger.info("No signing key is encrypted with EDGEAUTH_KEK_PREVIOUS any more: it can be removed");
            return Mono.empty();
        }
        return Flux.fromIterable(stale)
            .concatMap((row) -> Mono.fromCallable(() -> reseal(row))
                .subscribeOn(this.scheduler)
                .flatMap((sealed) -> this.repository.reencrypt(row.kid(), previousId, sealed,
                        this.encryption.currentId())))
            .filter(Boolean::booleanValue)
            .count()
            .doOnNext((count) -> logger.info("Re-encrypted " + count + " signing key(s) from key-encryption key "
                    + previousId + " to " + this.encryption.currentId()))
            .then();
    }

    private byte[] reseal(StoredSigningKey row) {
        byte[] privateKey;
        try {
            privateKey = this.encryption.decrypt(row.encryptedPrivateKey(), row.kid(), row.kekId());
        }
        catch (GeneralSecurityException ex) {
            throw new KeyEncryptionKeyException("Signing key " + row.kid()
                    + " cannot be decrypted with EDGEAUTH_KEK_PREVIOUS although its key-encryption key id matches",
                    "Check that the row was not altered; restore it from a backup or delete it to start with a new key");
        }
        try {
            return this.encryption.encrypt(privateKey, row.kid(), this.random);
        }
        finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    // Reloads the rows and builds a new ring off the event loop. Keys this instance knows
    // already keep their decrypted signer; only new rows are decrypted.
    private Mono<KeyRing> load(boolean strict) {
        long sequence;
        synchronized (this.ringLock) {
            sequence = ++this.loadsStarted;
        }
        KeyRing known = this.ring;
        return this.repository.findAll()
            .collectList()
            .publishOn(this.scheduler)
            .map((rows) -> buildRing(rows, known, strict))
            .map((built) -> apply(built, sequence));
    }

    // A slower, older load never replaces the result of a newer one.
    private KeyRing apply(KeyRing built, long sequence) {
        synchronized (this.ringLock) {
            if (sequence > this.loadApplied) {
                this.loadApplied = sequence;
                this.ring = built;
            }
            return this.ring;
        }
    }

    private KeyRing buildRing(List<StoredSigningKey> rows, KeyRing known, boolean strict) {
        List<SigningKey> keys = new ArrayList<>(rows.size());
        for (StoredSigningKey row : rows) {
            SigningKey existing = known.byKid(row.kid());
            if (existing != null && existing.signingKey() != null) {
                keys.add(existing);
                continue;
            }
            SigningKey key = toSigningKey(row, strict);
            if (key != null) {
                keys.add(key);
            }
        }
        return new KeyRing(keys, this.retention);
    }

    private @Nullable SigningKey toSigningKey(StoredSigningKey row, boolean strict) {
        if (!this.algorithm.jwsAlgorithm().getName().equals(row.algorithm())) {
            // A key of another algorithm is never published next to ours: its tokens
            // would
            // be refused by the allow-list anyway.
            logger.error("Signing key " + row.kid() + " is for alg " + row.algorithm() + ", not "
                    + this.algorithm.jwsAlgorithm() + "; ignored");
            return null;
        }
        JWK jwk = this.algorithm.publicJwk(row.publicKey());
        if (!jwk.getKeyID().equals(row.kid())) {
            logger.error("Signing key " + row.kid() + " does not match its public key; ignored");
            return null;
        }
        TokenVerificationKey verificationKey = this.algorithm.verificationKey(row.publicKey());
        TokenSigningKey signingKey = decryptSigningKey(row, verificationKey, strict);
        return new SigningKey(row.kid(), row.generation(), this.algorithm.jwsAlgorithm(), row.createdAt(),
                row.activatesAt(), jwk, verificationKey, signingKey);
    }

    private @Nullable TokenSigningKey decryptSigningKey(StoredSigningKey row, TokenVerificationKey verificationKey,
            boolean strict) {
        if (!this.encryption.canDecrypt(row.kekId())) {
            KeyEncryptionKeyException mismatch = kekMismatch(row);
            if (strict) {
                throw mismatch;
            }
            logger.error(mismatch.getMessage() + "; it is published but this instance cannot sign with it");
            return null;
        }
        byte[] privateKey = null;
        try {
            privateKey = this.encryption.decrypt(row.encryptedPrivateKey(), row.kid(), row.kekId());
            if (!MessageDigest.isEqual(this.algorithm.publicKeyOf(privateKey), row.publicKey())) {
                throw new GeneralSecurityException("private and public key do not match");
            }
            TokenSigningKey signingKey = this.algorithm.signingKey(privateKey);
            // Signs and verifies once: proves the pair works and loads the classes
            // before a request needs them.
            if (!signingKey.pairsWith(verificationKey)) {
                throw new GeneralSecurityException("self-test signature does not verify");
            }
            return signingKey;
        }
        catch (GeneralSecurityException | RuntimeException ex) {
            KeyEncryptionKeyException undecryptable = new KeyEncryptionKeyException(
                    "Signing key " + row.kid() + " cannot be decrypted with " + currentKekName()
                            + " (key-encryption key " + this.encryption.currentId()
                            + "): the row was altered or written with another key of the same id",
                    "Restore the signing_keys row from a backup, or delete it so a new key is created");
            if (strict) {
                throw undecryptable;
            }
            logger.error(undecryptable.getMessage());
            return null;
        }
        finally {
            if (privateKey != null) {
                Arrays.fill(privateKey, (byte) 0);
            }
        }
    }

    private KeyEncryptionKeyException kekMismatch(StoredSigningKey row) {
        String storedWith = row.kekId();
        String developmentId = KeyEncryption.developmentKekId(this.properties.developmentKeyFile());
        String which = storedWith.equals(developmentId)
                ? " (the development key in " + this.properties.developmentKeyFile() + ")" : "";
        return new KeyEncryptionKeyException(
                "The signing keys in the database were encrypted with key-encryption key " + storedWith + which
                        + ", but " + currentKekName() + " is key " + this.encryption.currentId(),
                "Start with the EDGEAUTH_KEK the keys were stored with. To change it, set EDGEAUTH_KEK_PREVIOUS to"
                        + " the old key and EDGEAUTH_KEK to the new one: the keys are re-encrypted at start-up"
                        + " (specs/signing-keys.md)");
    }

    private String currentKekName() {
        return this.encryption.isDevelopment() ? "the development key-encryption key (EDGEAUTH_KEK is not set)"
                : "EDGEAUTH_KEK";
    }

    private static SigningKey requireGeneration(KeyRing ring, int generation) {
        SigningKey key = ring.byGeneration(generation);
        if (key == null) {
            throw new IllegalStateException("Signing key generation " + generation + " is not in the database");
        }
        return key;
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: truncating keeps memory and database equal.
        return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private String describe(KeyRing loaded) {
        Instant now = now();
        SigningKey signing = loaded.signingKey(now);
        return "signing kid=" + ((signing != null) ? signing.kid() : "none") + ", published "
                + loaded.published(now).stream().map(SigningKey::kid).toList();
    }

}
