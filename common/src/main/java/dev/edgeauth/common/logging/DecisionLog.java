package dev.edgeauth.common.logging;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes a decision (a refusal, an outage, a recovery) as one log event: its stable
 * {@code reason_id} and facts are SLF4J key-values, which the structured (ECS) format
 * writes as JSON fields an operator can query, and the message repeats them as
 * {@code reason_id=… key=value}, so the plain-text format, which prints no key-values,
 * still shows them. Never pass a secret, a password or a token.
 *
 * <pre>
 * private static final DecisionLog decisions = DecisionLog.of(JwksCache.class);
 * decisions.warn("jwks_fetch_failed", "uri", uri, "cause", cause);
 * </pre>
 */
public final class DecisionLog {

    private final Logger logger;

    private DecisionLog(Logger logger) {
        this.logger = logger;
    }

    /**
     * The decision log of a class, on that class's logger.
     * @param source the class
     * @return its decision log
     */
    public static DecisionLog of(Class<?> source) {
        return new DecisionLog(LoggerFactory.getLogger(source));
    }

    public void debug(String reasonId, @Nullable Object... keysAndValues) {
        log(Level.DEBUG, reasonId, null, keysAndValues);
    }

    public void info(String reasonId, @Nullable Object... keysAndValues) {
        log(Level.INFO, reasonId, null, keysAndValues);
    }

    public void warn(String reasonId, @Nullable Object... keysAndValues) {
        log(Level.WARN, reasonId, null, keysAndValues);
    }

    public void error(String reasonId, @Nullable Object... keysAndValues) {
        log(Level.ERROR, reasonId, null, keysAndValues);
    }

    /**
     * An error with its stack trace (a defect, not an expected refusal).
     * @param reasonId the stable reason
     * @param cause the failure
     * @param keysAndValues the facts, key then value
     */
    public void error(String reasonId, Throwable cause, @Nullable Object... keysAndValues) {
        log(Level.ERROR, reasonId, cause, keysAndValues);
    }

    /**
     * Whether a decision at this level would be written (to skip computing its facts).
     */
    public boolean isEnabled(Level level) {
        return this.logger.isEnabledForLevel(level);
    }

    private void log(Level level, String reasonId, @Nullable Throwable cause, @Nullable Object[] keysAndValues) {
        if (!this.logger.isEnabledForLevel(level)) {
            return;
        }
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs: " + reasonId);
        }
        LoggingEventBuilder event = this.logger.atLevel(level).addKeyValue("reason_id", reasonId);
        StringBuilder message = new StringBuilder("reason_id=").append(reasonId);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = String.valueOf(keysAndValues[i]);
            Object value = keysAndValues[i + 1];
            event = event.addKeyValue(key, value);
            message.append(' ').append(key).append('=').append(printable(value));
        }
        if (cause != null) {
            event = event.setCause(cause);
        }
        event.log(message.toString());
    }

    // A value with spaces or quotes is quoted, so the line still splits into key=value.
    private static String printable(@Nullable Object value) {
        String text = String.valueOf(value);
        boolean plain = !text.isEmpty();
        for (int i = 0; i < text.length() && plain; i++) {
            char c = text.charAt(i);
            plain = c > ' ' && c != '"' && c != 0x7f;
        }
        return plain ? text : '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

}
