package dev.edgeauth.auth.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import dev.edgeauth.auth.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Secrets at rest (refresh successors) under a key derived from the KEK for each UTC day.
 */
class SecretEncryptionTests {

    private static final String KEK = "SnJzxwXqhdHirr9kFwVIs/Y3PIQhPblZnshqQwMF8No=";

    private static final byte[] SECRET = "the successor refresh token".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = MutableClock.startingNow();

    @TempDir
    Path folder;

    @Test
    void encryptWhenSealedThenTheRawKeyEncryptionKeyDoesNotOpenIt() {
        KeyEncryption keys = keys();
        byte[] sealed = new SecretEncryption(keys, new SecureRandom(), this.clock).encrypt(SECRET, "successor:a");

        assertThatExceptionOfType(GeneralSecurityException.class).isThrownBy(() -> keys.open(sealed,
                "edgeauth:secret:successor:a".getBytes(StandardCharsets.UTF_8), keys.currentId()));
    }

    @Test
    void decryptWhenSealedJustBeforeMidnightThenOpensJustAfter() throws GeneralSecurityException {
        SecretEncryption encryption = new SecretEncryption(keys(), new SecureRandom(), this.clock);
        this.clock.moveTo(Instant.parse("2026-12-01T23:59:58Z"));
        byte[] sealed = encryption.encrypt(SECRET, "successor:a");

        this.clock.advance(Duration.ofSeconds(10));

        assertThat(encryption.decrypt(sealed, "successor:a")).isEqualTo(SECRET);
    }

    @Test
    void decryptWhenSealedTwoDaysAgoOrForAnotherPurposeThenRefused() {
        SecretEncryption encryption = new SecretEncryption(keys(), new SecureRandom(), this.clock);
        this.clock.moveTo(Instant.parse("2026-12-01T12:00:00Z"));
        byte[] sealed = encryption.encrypt(SECRET, "successor:a");

        assertThatExceptionOfType(GeneralSecurityException.class)
            .isThrownBy(() -> encryption.decrypt(sealed, "successor:b"));
        this.clock.advance(Duration.ofDays(2));
        assertThatExceptionOfType(GeneralSecurityException.class)
            .isThrownBy(() -> encryption.decrypt(sealed, "successor:a"));
    }

    @Test
    void encryptWhenDaysDifferThenTheKeysDiffer() throws GeneralSecurityException {
        SecretEncryption encryption = new SecretEncryption(keys(), new SecureRandom(), this.clock);
        this.clock.moveTo(Instant.parse("2026-12-01T12:00:00Z"));
        byte[] monday = encryption.encrypt(SECRET, "successor:a");
        // The same ciphertext with its day changed to the next: another key, no match.
        byte[] relabelled = monday.clone();
        relabelled[4]++;

        assertThatExceptionOfType(GeneralSecurityException.class)
            .isThrownBy(() -> encryption.decrypt(relabelled, "successor:a"));
        assertThat(encryption.decrypt(monday, "successor:a")).isEqualTo(SECRET);
    }

    private KeyEncryption keys() {
        return KeyEncryption.fromProperties(new KeyEncryptionProperties(KEK, null, this.folder.resolve("dev-kek")),
                new SecureRandom(), false);
    }

}
