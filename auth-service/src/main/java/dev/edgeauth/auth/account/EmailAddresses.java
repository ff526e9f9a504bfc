package dev.edgeauth.auth.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;

/**
 * Email addresses as account keys: validated for shape (RFC 5321 lengths, one {@code @},
 * a dotted domain, no white space or control characters; deliverability is not checked)
 * and case-folded, so {@code Alice@Example.COM} and {@code alice@example.com} are one
 * account. Unicode is normalized (NFC) first, so the same address typed on two keyboards
 * folds to the same key.
 */
final class EmailAddresses {

    static final int MAX_LENGTH = 254;

    private static final int MAX_LOCAL_LENGTH = 64;

    // Local part: no white space, no '@', no control characters; domain: labels of
    // letters, digits and hyphens
    // (Unicode letters allowed), at least one dot, no empty label.
    private static final Pattern SHAPE = Pattern
        .compile("[^\\s@\\p{Cntrl}]+@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,63}");

    private EmailAddresses() {
    }

    /**
     * The account key of an address.
     * @param email the address as typed
     * @return the normalized, case-folded address
     * @throws ApiException 400 {@code invalid_email} naming the rule it breaks
     */
    static String fold(String email) {
        String normalized = Normalizer.normalize(email, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (normalized.length() > MAX_LENGTH) {
            throw invalid("The email address must be at most " + MAX_LENGTH + " characters long");
        }
        if (!SHAPE.matcher(normalized).matches()) {
            throw invalid("The email address must look like name@example.com");
        }
        if (normalized.indexOf('@') > MAX_LOCAL_LENGTH) {
            throw invalid("The part before the @ must be at most " + MAX_LOCAL_LENGTH + " characters long");
        }
        return normalized;
    }

    /**
     * The key of an address for a login: the same folding, but no error for a malformed
     * address (it simply matches no account, like an unknown one). Control characters are
     * escaped: PostgreSQL cannot store U+0000 in text, and such an address never signed
     * up. A key longer than {@value #MAX_LENGTH} characters (no account can have one) is
     * replaced by a short digest of itself: it still matches no account and costs the
     * same work, and no key stored from client input (the lockout's) is unbounded.
     */
    static String foldForLogin(String email) {
        String folded = Normalizer.normalize(email, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isISOControl(c)) {
                key.append(String.format("\\u%04x", (int) c));
            }
            else {
                key.append(c);
            }
        }
        return (key.length() <= MAX_LENGTH) ? key.toString() : "too-long:" + sha256(key.toString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JDK has SHA-256", ex);
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.INVALID_EMAIL, detail);
    }

}
