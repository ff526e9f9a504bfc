package dev.edgeauth.auth.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Encrypts private signing keys at rest with the key-encryption key (KEK): AES-256-GCM
 * (NIST SP 800-38D) with a fresh 96-bit IV per encryption and the key's {@code kid} as
 * associated data, so a ciphertext cannot be moved to another row.
 *
 * <p>
 * Each ciphertext is stored with the KEK's id, a fingerprint (a truncated SHA-256 of the
 * KEK), so a start with another KEK is told apart from a corrupt row and reported in one
 * line. The KEKs themselves never leave this object: no getter, no {@code toString}, no
 * log line.
 */
public final class KeyEncryption {

    private static final Log logger = LogFactory.getLog(KeyEncryption.class);

    private static final int IV_LENGTH = 12;

    private static final int TAG_BITS = 128;

    private static final byte FORMAT_VERSION = 1;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Kek current;

    private final @Nullable Kek previous;

    private final boolean development;

    private final Path developmentKeyFile;

    private KeyEncryption(Kek current, @Nullable Kek previous, boolean development, Path developmentKeyFile) {
        this.current = current;
        this.previous = previous;
        this.development = development;
        this.developmentKeyFile = developmentKeyFile;
    }

    /**
     * The KEKs of the configuration; without {@code EDGEAUTH_KEK}, the development KEK
     * from its file (created on first use), announced by a loud warning.
     * @param properties the signing-key properties
     * @param random the random source for a new development KEK
     * @param externalDatabase whether {@code EDGEAUTH_DATABASE_URL} names a database: the
     * development KEK is only for the embedded one, so without {@code EDGEAUTH_KEK} the
     * start fails
     * @return the key encryption
     * @throws KeyEncryptionKeyException when a configured KEK is malformed, or none is
     * set with an external database
     */
    public static KeyEncryption fromProperties(KeyEncryptionProperties properties, SecureRandom random,
            boolean externalDatabase) {
        Kek previous = StringUtils.hasText(properties.previousEncryptionKey()) ? Kek
            .decode(properties.previousEncryptionKey(), "EDGEAUTH_KEK_PREVIOUS (edgeauth.keys.previous-encryption-key)")
                : null;
        if (StringUtils.hasText(properties.encryptionKey())) {
            return new KeyEncryption(
                    Kek.decode(properties.encryptionKey(), "EDGEAUTH_KEK (edgeauth.keys.encryption-key)"), previous,
                    false, properties.developmentKeyFile());
        }
        if (externalDatabase) {
            // A development key in a file beside a shared, lasting database would protect
            // real signing keys with a secret nobody chose or backed up.
            throw new KeyEncryptionKeyException(
                    "EDGEAUTH_KEK is not set, but EDGEAUTH_DATABASE_URL is: the development key-encryption key is only"
                            + " for the embedded database",
                    Kek.GENERATE_HINT + ", and set it as EDGEAUTH_KEK on every auth-service");
        }
        Path file = properties.developmentKeyFile();
        Kek development = DevelopmentKek.readOrCreate(file, random);
        logger.warn("!!! EDGEAUTH_KEK is not set: signing keys are encrypted with a DEVELOPMENT key-encryption key"
                + " stored unprotected in " + file.toAbsolutePath()
                + ". Never run like this in production: set EDGEAUTH_KEK (openssl rand -base64 32). !!!");
        return new KeyEncryption(development, previous, true, file);
    }

    /** The id of the KEK new ciphertexts are made with. */
    public String currentId() {
        return this.current.id();
    }

    /** The id of the KEK being replaced, or {@code null}. */
    public @Nullable String previousId() {
        return (this.previous != null) ? this.previous.id() : null;
    }

    public boolean isDevelopment() {
        return this.development;
    }

    /**
     * Keys for another purpose than signing-key encryption, derived from the KEKs with
     * HKDF-SHA256 (RFC 5869; Bouncy Castle's, the JDK 17 has none), {@code info} naming
     * the purpose, so no two purposes share key material and none reveals the KEK.
     * @param purpose what the key is for, such as {@code device-token-mac}
     * @param length the key length in bytes
     * @return the key from the current KEK, then the one from the previous KEK if any
     */
    List<byte[]> derive(String purpose, int length) {
        List<byte[]> keys = new ArrayList<>(2);
        keys.add(hkdf(this.current, purpose, length));
        if (this.previous != null) {
            keys.add(hkdf(this.previous, purpose, length));
        }
        return keys;
    }

    private static byte[] hkdf(Kek kek, String purpose, int length) {
        byte[] ikm = kek.key().getEncoded();
        try {
            HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
            generator.init(new HKDFParameters(ikm, null, ("edgeauth:" + purpose).getBytes(StandardCharsets.US_ASCII)));
            byte[] key = new byte[length];
            generator.generateBytes(key, 0, length);
            return key;
        }
        finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    /**
     * Encrypts a private key with the current KEK. Call it on a bounded scheduler: the IV
     * comes from the random source.
     * @param privateKey the raw private key
     * @param kid the key's id, bound to the ciphertext as associated data
     * @param random the random source of the IV
     * @return version || IV || ciphertext || tag
     */
    public byte[] encrypt(byte[] privateKey, String kid, SecureRandom random) {
        return seal(privateKey, associatedData(kid), random);
    }

    /**
     * Encrypts any secret with the current KEK, bound to associated data (which names
     * what the secret is, so a ciphertext cannot stand in for another kind).
     * @param plaintext the secret
     * @param associatedData what it is
     * @param random the random source of the IV
     * @return version || IV || ciphertext || tag
     */
    byte[] seal(byte[] plaintext, byte[] associatedData, SecureRandom random) {
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, this.current.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] blob = new byte[1 + IV_LENGTH + sealed.length];
            blob[0] = FORMAT_VERSION;
            System.arraycopy(iv, 0, blob, 1, IV_LENGTH);
            System.arraycopy(sealed, 0, blob, 1 + IV_LENGTH, sealed.length);
            return blob;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM is not available", ex);
        }
    }

    /**
     * Whether a ciphertext made with the given KEK can be decrypted here.
     * @param kekId the id stored with the ciphertext
     * @return whether that KEK is the current or the previous one
     */
    public boolean canDecrypt(String kekId) {
        return this.current.id().equals(kekId) || (this.previous != null && this.previous.id().equals(kekId));
    }

    /**
     * Decrypts a private key.
     * @param blob what {@link #encrypt} returned
     * @param kid the key's id (associated data)
     * @param kekId the id of the KEK it was encrypted with
     * @return the raw private key
     * @throws GeneralSecurityException when the KEK is not at hand or the ciphertext or
     * its kid was altered (the GCM tag does not match)
     */
    public byte[] decrypt(byte[] blob, String kid, String kekId) throws GeneralSecurityException {
        return open(blob, associatedData(kid), kekId);
    }

    /**
     * Decrypts what {@link #seal} made.
     * @param blob the ciphertext
     * @param associatedData what it is
     * @param kekId the id of the KEK it was encrypted with
     * @return the secret
     * @throws GeneralSecurityException when the KEK is not at hand or the ciphertext or
     * its associated data was altered
     */
    byte[] open(byte[] blob, byte[] associatedData, String kekId) throws GeneralSecurityException {
        Kek kek = this.current.id().equals(kekId) ? this.current
                : (this.previous != null && this.previous.id().equals(kekId)) ? this.previous : null;
        if (kek == null) {
            throw new GeneralSecurityException("no key-encryption key with id " + kekId);
        }
        if (blob.length < 1 + IV_LENGTH + TAG_BITS / 8 || blob[0] != FORMAT_VERSION) {
            throw new GeneralSecurityException("unknown ciphertext format");
        }
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, kek.key(), new GCMParameterSpec(TAG_BITS, blob, 1, IV_LENGTH));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(blob, 1 + IV_LENGTH, blob.length - 1 - IV_LENGTH);
    }

    /**
     * What to tell the operator when stored keys were encrypted with another KEK than
     * this one: both ids, and which KEK the stored one is when it is the development key.
     * @param storedKekId the id stored with the keys
     * @return the start-up failure, with its remedy
     */
    public KeyEncryptionKeyException mismatch(String storedKekId) {
        String which = storedKekId.equals(DevelopmentKek.id(this.developmentKeyFile))
                ? " (the development key in " + this.developmentKeyFile + ")" : "";
        return new KeyEncryptionKeyException(
                "The signing keys in the database were encrypted with key-encryption key " + storedKekId + which
                        + ", but " + currentName() + " is key " + currentId(),
                "Start with the EDGEAUTH_KEK the keys were stored with. To change it, set EDGEAUTH_KEK_PREVIOUS to"
                        + " the old key and EDGEAUTH_KEK to the new one: the keys are re-encrypted at start-up"
                        + " (specs/signing-keys.md)");
    }

    /** How the current KEK is named in messages: the variable, or the development key. */
    public String currentName() {
        return this.development ? "the development key-encryption key (EDGEAUTH_KEK is not set)" : "EDGEAUTH_KEK";
    }

    private static byte[] associatedData(String kid) {
        return ("edgeauth:signing-key:" + kid).getBytes(StandardCharsets.US_ASCII);
    }

}
