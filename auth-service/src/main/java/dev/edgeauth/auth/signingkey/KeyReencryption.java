package dev.edgeauth.auth.signingkey;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import dev.edgeauth.auth.crypto.KeyEncryption;
import dev.edgeauth.auth.crypto.KeyEncryptionKeyException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A key-encryption-key change at start-up: keys still sealed with
 * {@code EDGEAUTH_KEK_PREVIOUS} are sealed again with {@code EDGEAUTH_KEK}, one row at a
 * time, each update conditional on the old KEK id (so racing instances re-encrypt a row
 * once). Decryption and encryption run on the crypto scheduler.
 */
final class KeyReencryption {

    private static final Log logger = LogFactory.getLog(KeyReencryption.class);

    private final SigningKeyRepository repository;

    private final KeyEncryption encryption;

    private final SecureRandom random;

    private final Scheduler scheduler;

    KeyReencryption(SigningKeyRepository repository, KeyEncryption encryption, SecureRandom random,
            Scheduler scheduler) {
        this.repository = repository;
        this.encryption = encryption;
        this.random = random;
        this.scheduler = scheduler;
    }

    /**
     * Re-encrypts the rows still under the previous KEK, if one is configured.
     * @param rows every stored key
     * @return completion
     */
    Mono<Void> fromPrevious(List<StoredSigningKey> rows) {
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

}
