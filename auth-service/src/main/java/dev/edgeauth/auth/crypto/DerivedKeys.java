package dev.edgeauth.auth.crypto;

import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

/**
 * Keys for purposes other than encrypting signing keys, each derived from the
 * key-encryption key for its purpose alone (HKDF-SHA256, {@code info} = the purpose): the
 * device-token MAC, for one. While the KEK is being changed, the key derived from the
 * previous KEK is offered too, so what was made with it stays verifiable until the change
 * ends.
 */
public final class DerivedKeys {

    private static final int HMAC_SHA256_KEY_LENGTH = 32;

    private final KeyEncryption keyEncryption;

    DerivedKeys(KeyEncryption keyEncryption) {
        Assert.notNull(keyEncryption, "keyEncryption cannot be null");
        this.keyEncryption = keyEncryption;
    }

    /**
     * HMAC-SHA256 keys for a purpose.
     * @param purpose what they are for, such as {@code device-token-mac}
     * @return the key to make new MACs with, then (while the KEK is being changed) the
     * one derived from the previous KEK
     */
    public List<SecretKeySpec> hmacSha256(String purpose) {
        Assert.hasText(purpose, "purpose cannot be empty");
        return this.keyEncryption.derive(purpose, HMAC_SHA256_KEY_LENGTH)
            .stream()
            .map((key) -> new SecretKeySpec(key, "HmacSHA256"))
            .toList();
    }

}
