package dev.edgeauth.auth.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

/**
 * Short-lived secrets other features must keep at rest (such as the successor of a spent
 * refresh token during its grace window): AES-256-GCM with a fresh random IV each time,
 * and a purpose as associated data so a ciphertext made for one purpose never decrypts
 * for another.
 *
 * <p>
 * The key is not the key-encryption key itself but one derived from it for each UTC day
 * (HKDF-SHA256, {@code info = "edgeauth:secret:<yyyy-mm-dd>"}, {@link KeyEncryption}): a
 * busy service seals one successor per refresh, and a fresh key a day keeps each key's
 * count of random 96-bit nonces far below AES-GCM's limit (NIST SP 800-38D §8.3). A
 * ciphertext names its day; it opens on that day and the next (the grace window is at
 * most minutes, so a successor sealed before midnight still opens after it), under the
 * current or the previous KEK.
 */
public final class SecretEncryption {

    private static final byte FORMAT_VERSION = 2;

    private static final int IV_LENGTH = 12;

    private static final int TAG_BITS = 128;

    private static final int KEY_LENGTH = 32;

    private static final int HEADER_LENGTH = 1 + 4 + IV_LENGTH;

    private final KeyEncryption keys;

    private final SecureRandom random;

    private final Clock clock;

    // Today's keys, derived once a day rather than on every refresh.
    private volatile DayKeys today = new DayKeys(Long.MIN_VALUE, List.of());

    SecretEncryption(KeyEncryption keys, SecureRandom random, Clock clock) {
        Assert.notNull(keys, "keys cannot be null");
        Assert.notNull(random, "random cannot be null");
        Assert.notNull(clock, "clock cannot be null");
        this.keys = keys;
        this.random = random;
        this.clock = clock;
    }

    /**
     * Encrypts a secret with today's key (microseconds: fine on an event loop; the IV
     * comes from the seeded DRBG).
     * @param secret the secret
     * @param purpose what it is and what it belongs to, bound to the ciphertext
     * @return version · day · IV · ciphertext · tag
     */
    public byte[] encrypt(byte[] secret, String purpose) {
        long day = today();
        byte[] iv = new byte[IV_LENGTH];
        this.random.nextBytes(iv);
        SecretKeySpec key = dayKeys(day).get(0);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(purpose));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(HEADER_LENGTH + sealed.length)
                .put(FORMAT_VERSION)
                .putInt((int) day)
                .put(iv)
                .put(sealed)
                .array();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM is not available", ex);
        }
    }

    /**
     * Decrypts a secret made by {@link #encrypt} on its day or the day before.
     * @param ciphertext the ciphertext
     * @param purpose the purpose it was made for
     * @return the secret
     * @throws GeneralSecurityException when it does not decrypt (another purpose,
     * altered, too old, or a KEK no longer configured)
     */
    public byte[] decrypt(byte[] ciphertext, String purpose) throws GeneralSecurityException {
        if (ciphertext.length <= HEADER_LENGTH || ciphertext[0] != FORMAT_VERSION) {
            throw new AEADBadTagException("Not a sealed secret");
        }
        ByteBuffer blob = ByteBuffer.wrap(ciphertext);
        blob.get();
        long day = blob.getInt();
        long today = today();
        if (day < today - 1 || day > today + 1) {
            throw new AEADBadTagException("Sealed on another day");
        }
        byte[] iv = Arrays.copyOfRange(ciphertext, 1 + 4, HEADER_LENGTH);
        GeneralSecurityException failure = null;
        for (SecretKeySpec key : dayKeys(day)) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
                cipher.updateAAD(associatedData(purpose));
                return cipher.doFinal(ciphertext, HEADER_LENGTH, ciphertext.length - HEADER_LENGTH);
            }
            catch (GeneralSecurityException ex) {
                failure = ex;
            }
        }
        throw failure;
    }

    private long today() {
        return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).toEpochDay();
    }

    // The day's key from the current KEK, then from the previous one if any.
    private List<SecretKeySpec> dayKeys(long epochDay) {
        DayKeys cached = this.today;
        if (cached.day() == epochDay) {
            return cached.keys();
        }
        List<SecretKeySpec> keys = this.keys.derive("secret:" + LocalDate.ofEpochDay(epochDay), KEY_LENGTH)
            .stream()
            .map((key) -> new SecretKeySpec(key, "AES"))
            .toList();
        if (epochDay > cached.day()) {
            this.today = new DayKeys(epochDay, keys);
        }
        return keys;
    }

    private record DayKeys(long day, List<SecretKeySpec> keys) {

    }

    private static byte[] associatedData(String purpose) {
        return ("edgeauth:secret:" + purpose).getBytes(StandardCharsets.UTF_8);
    }

}
