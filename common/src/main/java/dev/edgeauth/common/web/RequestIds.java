package dev.edgeauth.common.web;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Request ids: a client's {@code X-Request-Id} is kept when it is a safe token, otherwise
 * a new one is made.
 *
 * <p>
 * A request id correlates log lines; it is not a secret, so it comes from
 * {@link ThreadLocalRandom}, which never blocks an event loop (a {@code SecureRandom} may
 * read {@code /dev/urandom}).
 */
public final class RequestIds {

    /** The header carrying the request id, in and out. */
    public static final String HEADER = "X-Request-Id";

    // Letters, digits and a few separators, short: nothing that could split a header or a
    // log line.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    public static boolean isSafe(@Nullable String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches();
    }

    /** The client's id when it is safe, else a new one. */
    public static String acceptOrGenerate(@Nullable String candidate) {
        return isSafe(candidate) ? candidate : generate();
    }

    /** A new id: 32 lowercase hex digits (128 random bits). */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            id[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xF];
            id[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xF];
        }
        return new String(id);
    }

}
