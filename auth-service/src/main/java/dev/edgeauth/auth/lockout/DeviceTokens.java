package dev.edgeauth.auth.lockout;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.edgeauth.auth.crypto.DerivedKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Device tokens (OWASP's "device cookie", Authentication Cheat Sheet): a login or signup
 * hands the client one; a later login that sends it back in {@value #HEADER} is counted
 * on the token's own lock instead of its address's and is exempt from the account-wide
 * lock, so guessing from many addresses cannot lock the owner out.
 *
 * <p>
 * Layout, before base64url (no padding; 103 characters): version (1 byte) · user id (16)
 * · token id (16 random bytes) · expiry, epoch seconds (8) · the account's credential
 * generation (4) · HMAC-SHA256 of all of that (32), with a key derived from the
 * key-encryption key for this purpose only ({@link DerivedKeys}). A token is valid for
 * one account until its expiry and until the password changes (the generation moves on);
 * anything else (absent, malformed, forged, expired, another account's, an old
 * generation) is no device token at all, and its client meets the plain rules.
 */
@Component
public class DeviceTokens {

    /** The request header a login sends a device token in. */
    public static final String HEADER = "Edgeauth-Device";

    static final String PURPOSE = "device-token-mac";

    private static final byte VERSION = 1;

    private static final int BODY_LENGTH = 1 + 16 + 16 + 8 + 4;

    private static final int MAC_LENGTH = 32;

    private static final int TOKEN_LENGTH = BODY_LENGTH + MAC_LENGTH;

    private static final int ENCODED_LENGTH = (TOKEN_LENGTH * 8 + 5) / 6;

    private final List<SecretKeySpec> keys;

    private final SecureRandom random;

    private final Clock clock;

    private final LockoutProperties properties;

    DeviceTokens(DerivedKeys keys, SecureRandom random, Clock clock, LockoutProperties properties) {
        this.keys = keys.hmacSha256(PURPOSE);
        this.random = random;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * A new device token for an account.
     * @param userId the account
     * @param credentialGeneration the account's credential generation now
     * @return the token, base64url
     */
    public String issue(UUID userId, int credentialGeneration) {
        byte[] id = new byte[16];
        this.random.nextBytes(id);
        ByteBuffer token = ByteBuffer.allocate(TOKEN_LENGTH);
        token.put(VERSION);
        token.putLong(userId.getMostSignificantBits()).putLong(userId.getLeastSignificantBits());
        token.put(id);
        token.putLong(this.clock.instant().plus(this.properties.deviceTokenTtl()).getEpochSecond());
        token.putInt(credentialGeneration);
        token.put(mac(this.keys.get(0), token.array()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /**
     * The device a token names, if it is a valid token of this account now.
     * @param token the header's value, or {@code null}
     * @param userId the account the login is for
     * @param credentialGeneration the account's credential generation now
     * @return the device, or {@code null} when the token is not valid for this account
     */
    public @Nullable Device verify(@Nullable String token, UUID userId, int credentialGeneration) {
        if (token == null || token.length() != ENCODED_LENGTH) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
        if (raw.length != TOKEN_LENGTH || raw[0] != VERSION || !macMatches(raw)) {
            return null;
        }
        ByteBuffer body = ByteBuffer.wrap(raw, 1, BODY_LENGTH - 1);
        UUID owner = new UUID(body.getLong(), body.getLong());
        byte[] id = new byte[16];
        body.get(id);
        Instant expiresAt = Instant.ofEpochSecond(body.getLong());
        int generation = body.getInt();
        boolean valid = owner.equals(userId) && generation == credentialGeneration
                && this.clock.instant().isBefore(expiresAt);
        return valid ? new Device(Base64.getUrlEncoder().withoutPadding().encodeToString(id)) : null;
    }

    // Against every key (the previous KEK's while it is being changed), in constant time.
    private boolean macMatches(byte[] raw) {
        byte[] presented = new byte[MAC_LENGTH];
        System.arraycopy(raw, BODY_LENGTH, presented, 0, MAC_LENGTH);
        byte[] body = new byte[BODY_LENGTH];
        System.arraycopy(raw, 0, body, 0, BODY_LENGTH);
        boolean matches = false;
        for (SecretKeySpec key : this.keys) {
            matches |= MessageDigest.isEqual(presented, mac(key, body));
        }
        return matches;
    }

    private static byte[] mac(SecretKeySpec key, byte[] token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(token, 0, BODY_LENGTH);
            return mac.doFinal();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", ex);
        }
    }

    /**
     * A device a valid token names.
     *
     * @param id the token's random id (base64url): its lock's key
     */
    public record Device(String id) {

    }

}
