package dev.edgeauth.auth.signingkey;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import dev.edgeauth.auth.crypto.KeyEncryption;
import dev.edgeauth.auth.crypto.KeyEncryptionKeyException;
import dev.edgeauth.token.TokenSigningKey;
import dev.edgeauth.token.TokenVerificationKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Loads the stored keys into the {@link KeyRing} this instance signs and publishes with,
 * and holds the latest one. Each key is decrypted with the key-encryption key and
 * self-tested (it must sign what its public key verifies) before it can sign; keys this
 * instance knows already keep their decrypted signer, so only new rows are decrypted.
 *
 * <p>
 * A strict load (start-up) fails on a key it cannot decrypt; a lenient one (maintenance,
 * after a rotation) logs it and still publishes the key, so tokens it signed elsewhere
 * keep verifying.
 */
final class KeyRingLoader {

    private static final Log logger = LogFactory.getLog(KeyRingLoader.class);

    private final SigningKeyRepository repository;

    private final KeyEncryption encryption;

    private final SigningAlgorithm algorithm;

    private final Duration retention;

    private final Scheduler scheduler;

    private final Object ringLock = new Object();

    private volatile KeyRing ring;

    private long loadsStarted;

    private long loadApplied;

    KeyRingLoader(SigningKeyRepository repository, KeyEncryption encryption, SigningAlgorithm algorithm,
            Duration retention, Scheduler scheduler) {
        this.repository = repository;
        this.encryption = encryption;
        this.algorithm = algorithm;
        this.retention = retention;
        this.scheduler = scheduler;
        this.ring = new KeyRing(List.of(), retention);
    }

    /** The ring of the newest load applied; never blocks. */
    KeyRing ring() {
        return this.ring;
    }

    /**
     * Reloads the rows and builds a new ring off the event loop.
     * @param strict whether a key that cannot be decrypted fails the load
     * @return the ring in force after this load
     */
    Mono<KeyRing> load(boolean strict) {
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
            // would be refused by the allow-list anyway.
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
            KeyEncryptionKeyException mismatch = this.encryption.mismatch(row.kekId());
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
                    "Signing key " + row.kid() + " cannot be decrypted with " + this.encryption.currentName()
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

}
