package dev.edgeauth.auth.crypto;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key-encryption key (KEK), under {@code edgeauth.keys.*} beside the signing keys'
 * schedule, which it protects first of all (specs/signing-keys.md).
 *
 * @param encryptionKey the key-encryption key ({@code EDGEAUTH_KEK}): 32 random bytes,
 * base64; unset: a development key kept in {@code developmentKeyFile}, with a warning
 * @param previousEncryptionKey the key-encryption key being replaced
 * ({@code EDGEAUTH_KEK_PREVIOUS}): keys still encrypted with it are re-encrypted with
 * {@code encryptionKey} at start-up; unset outside a key-encryption-key change
 * @param developmentKeyFile where the development key-encryption key is kept; default
 * {@code data/auth-service/development-kek}
 */
@ConfigurationProperties("edgeauth.keys")
public record KeyEncryptionProperties(@Nullable String encryptionKey, @Nullable String previousEncryptionKey,
        @DefaultValue("data/auth-service/development-kek") Path developmentKeyFile) {

    @Override
    public String toString() {
        // Never the key-encryption keys.
        return "KeyEncryptionProperties[developmentKeyFile=" + this.developmentKeyFile + "]";
    }

}
