package dev.edgeauth.auth.signingkey;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The signing keys as the rest of the service sees them: the current {@link KeyRing}, the
 * operator's "rotate now", and the start-up and maintenance rounds, each done by its
 * part: {@link KeyRingLoader} (loading and decrypting), {@link KeyRotation} (new keys,
 * deleting old ones) and {@link KeyReencryption} (a key-encryption-key change).
 *
 * <p>
 * Several instances may share the database. Each reloads the keys every
 * {@code refresh-interval}, so it learns the others' rotations; the rotation itself is
 * made once however many race ({@link KeyRotation}).
 */
public class SigningKeyService {

    private static final Log logger = LogFactory.getLog(SigningKeyService.class);

    private final SigningKeyRepository repository;

    private final KeyRingLoader loader;

    private final KeyRotation rotation;

    private final KeyReencryption reencryption;

    SigningKeyService(SigningKeyRepository repository, KeyRingLoader loader, KeyRotation rotation,
            KeyReencryption reencryption) {
        Assert.notNull(repository, "repository cannot be null");
        Assert.notNull(loader, "loader cannot be null");
        Assert.notNull(rotation, "rotation cannot be null");
        Assert.notNull(reencryption, "reencryption cannot be null");
        this.repository = repository;
        this.loader = loader;
        this.rotation = rotation;
        this.reencryption = reencryption;
    }

    /**
     * The keys as this instance knows them now; never blocks.
     * @return the current ring
     */
    public KeyRing ring() {
        return this.loader.ring();
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
        return this.loader.load(false).flatMap((current) -> {
            SigningKey newest = current.newest();
            if (newest != null && newest.activatesAt().isAfter(this.rotation.now())) {
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
     * @throws dev.edgeauth.auth.crypto.KeyEncryptionKeyException (as the error) when the
     * key-encryption key does not fit the stored keys
     */
    Mono<KeyRing> initialize() {
        return this.repository.findAll()
            .collectList()
            .flatMap(this.reencryption::fromPrevious)
            .then(this.loader.load(true))
            .flatMap((loaded) -> this.rotation.rotateIfDue(loaded).then(this.loader.load(true)))
            .flatMap((loaded) -> this.rotation.purge().thenReturn(loaded))
            .doOnNext((loaded) -> logger.info("Signing keys ready: " + describe(loaded)));
    }

    /**
     * One maintenance round, run every {@code refresh-interval} by every instance:
     * reloads the keys (learning other instances' rotations), rotates when the schedule
     * says so and deletes keys no token can need any more.
     * @return completion
     */
    Mono<Void> maintain() {
        return this.loader.load(false).flatMap(this.rotation::rotateIfDue).then(this.rotation.purge());
    }

    /**
     * Creates the key of the generation after {@code previous}, unless another instance
     * has ({@link KeyRotation#rotateFrom}).
     * @param previous the newest key the caller knows, or {@code null} for the first key
     * @param trigger why
     * @return the key of the next generation, and whether this call created it
     */
    Mono<Rotation> rotateFrom(SigningKey previous, RotationTrigger trigger) {
        return this.rotation.rotateFrom(previous, trigger);
    }

    private String describe(KeyRing loaded) {
        Instant now = this.rotation.now();
        SigningKey signing = loaded.signingKey(now);
        return "signing kid=" + ((signing != null) ? signing.kid() : "none") + ", published "
                + loaded.published(now).stream().map(SigningKey::kid).toList();
    }

}
