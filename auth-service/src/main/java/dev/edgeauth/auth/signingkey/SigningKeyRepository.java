package dev.edgeauth.auth.signingkey;

import java.time.Instant;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.util.Assert;

/**
 * Signing keys in PostgreSQL. Every write is conditional, so instances sharing the
 * database never step on each other: a rotation inserts a generation only if no one has,
 * a re-encryption rewrites a row only if it is still under the old key-encryption key.
 */
@Repository
class SigningKeyRepository {

    private static final String COLUMNS = """
            kid, generation, algorithm, public_key, private_key, kek_id, created_at,
            activates_at""";

    private final DatabaseClient database;

    SigningKeyRepository(DatabaseClient database) {
        Assert.notNull(database, "database cannot be null");
        this.database = database;
    }

    /** Every stored key, oldest generation first. */
    Flux<StoredSigningKey> findAll() {
        return this.database.sql("SELECT " + COLUMNS + " FROM signing_keys ORDER BY generation")
            .map(SigningKeyRepository::toKey)
            .all();
    }

    /**
     * Inserts the key unless its generation exists already: the one statement that makes
     * a rotation happen exactly once however many instances race (the unique generation
     * decides; the losers insert nothing).
     * @param key the new key
     * @return whether this call inserted it
     */
    Mono<Boolean> insertIfGenerationFree(StoredSigningKey key) {
        return this.database
            .sql("INSERT INTO signing_keys (" + COLUMNS + ") VALUES (:kid, :generation, :algorithm, :publicKey,"
                    + " :privateKey, :kekId, :createdAt, :activatesAt) ON CONFLICT (generation) DO NOTHING")
            .bind("kid", key.kid())
            .bind("generation", key.generation())
            .bind("algorithm", key.algorithm())
            .bind("publicKey", key.publicKey())
            .bind("privateKey", key.encryptedPrivateKey())
            .bind("kekId", key.kekId())
            .bind("createdAt", key.createdAt())
            .bind("activatesAt", key.activatesAt())
            .fetch()
            .rowsUpdated()
            .map((rows) -> rows > 0);
    }

    /**
     * Replaces a private key's ciphertext if it is still under the expected
     * key-encryption key (another instance may have re-encrypted it already).
     * @param kid the key
     * @param fromKekId the key-encryption key it must still be under
     * @param encryptedPrivateKey the new ciphertext
     * @param toKekId the key-encryption key of the new ciphertext
     * @return whether this call rewrote it
     */
    Mono<Boolean> reencrypt(String kid, String fromKekId, byte[] encryptedPrivateKey, String toKekId) {
        return this.database.sql("""
                UPDATE signing_keys SET private_key = :privateKey, kek_id = :toKekId
                WHERE kid = :kid AND kek_id = :fromKekId""")
            .bind("privateKey", encryptedPrivateKey)
            .bind("toKekId", toKekId)
            .bind("kid", kid)
            .bind("fromKekId", fromKekId)
            .fetch()
            .rowsUpdated()
            .map((rows) -> rows > 0);
    }

    /**
     * Deletes the keys that are no longer published: those retired (a later generation
     * activated) at or before the cutoff. Activation times grow with the generation, so
     * any later activated generation proves it.
     * @param retiredBefore the latest retirement time that is over (now minus the token
     * lifetime and clock skew)
     * @return how many keys were deleted
     */
    Mono<Long> deleteRetiredBefore(Instant retiredBefore) {
        return this.database.sql("""
                DELETE FROM signing_keys k WHERE EXISTS (SELECT 1 FROM signing_keys s
                WHERE s.generation > k.generation AND s.activates_at <= :retiredBefore)""")
            .bind("retiredBefore", retiredBefore)
            .fetch()
            .rowsUpdated();
    }

    private static StoredSigningKey toKey(Readable row) {
        return new StoredSigningKey(row.get("kid", String.class), row.get("generation", Integer.class),
                row.get("algorithm", String.class), bytes(row, "public_key"), bytes(row, "private_key"),
                row.get("kek_id", String.class), row.get("created_at", Instant.class),
                row.get("activates_at", Instant.class));
    }

    private static byte[] bytes(Readable row, String column) {
        return row.get(column, byte[].class);
    }

}
