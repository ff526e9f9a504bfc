package dev.edgeauth.auth.password;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.nulabinc.zxcvbn.StandardKeyboards;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.ZxcvbnBuilder;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;

import org.springframework.util.Assert;

/**
 * The password rules of the contract and OWASP ASVS 6.2: 8 to 128 characters, no
 * composition rules, checked exactly as typed (never trimmed or truncated), and not a
 * common or easily guessed password. Guessability is zxcvbn's estimate, with its own
 * dictionaries of common passwords, names and words, and with the user's own email as a
 * hint ({@code alice@example.com} may not use {@code alice2024}). The dictionaries are
 * zxcvbn's standard ones, held compactly ({@link CompactDictionary}).
 */
public final class PasswordPolicy {

    private final PasswordProperties properties;

    private final Zxcvbn zxcvbn = zxcvbn();

    public PasswordPolicy(PasswordProperties properties) {
        Assert.notNull(properties, "properties cannot be null");
        this.properties = properties;
    }

    /**
     * Checks a new password.
     * @param password the password as typed
     * @param email the account's email, a hint the password must not be built from
     * @throws ApiException 400 {@code weak_password}, the detail naming the rule
     */
    public void check(String password, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < this.properties.minLength()) {
            throw weak("The password must be at least " + this.properties.minLength() + " characters long");
        }
        if (length > this.properties.maxLength()) {
            throw weak("The password must be at most " + this.properties.maxLength() + " characters long");
        }
        Strength strength = this.zxcvbn.measure(password, hints(email));
        if (strength.getScore() < this.properties.minStrength()) {
            throw weak("The password is too common or too easy to guess; a few unrelated words make a strong one");
        }
    }

    /** zxcvbn with its standard dictionaries, compact, and its standard keyboards. */
    static Zxcvbn zxcvbn() {
        try {
            return new ZxcvbnBuilder().dictionaries(CompactDictionary.standard())
                .keyboards(StandardKeyboards.loadAllKeyboards())
                .build();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("zxcvbn's dictionaries or keyboards could not be read", ex);
        }
    }

    private static List<String> hints(String email) {
        List<String> hints = new ArrayList<>();
        hints.add(email);
        int at = email.indexOf('@');
        if (at > 0) {
            hints.add(email.substring(0, at));
            hints.add(email.substring(at + 1));
        }
        return hints;
    }

    private static ApiException weak(String detail) {
        return new ApiException(ErrorCode.WEAK_PASSWORD, detail);
    }

}
