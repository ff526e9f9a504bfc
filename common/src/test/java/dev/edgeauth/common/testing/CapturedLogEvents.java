package dev.edgeauth.common.testing;

import java.util.List;
import java.util.Objects;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Test fixture: the events one logger writes while it is open, with their structured
 * key-value pairs (which a plain-text console pattern does not print), so a test can
 * assert a reason code whatever the log format.
 */
public final class CapturedLogEvents implements AutoCloseable {

    private final Logger logger;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final Level previousLevel;

    private boolean levelChanged;

    private CapturedLogEvents(String name) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        this.previousLevel = this.logger.getLevel();
        this.appender.start();
        this.logger.addAppender(this.appender);
    }

    /**
     * Starts capturing what a class logs.
     * @param source the class whose logger to capture
     * @return the capture; close it to stop
     */
    public static CapturedLogEvents of(Class<?> source) {
        return new CapturedLogEvents(source.getName());
    }

    /**
     * Starts capturing what a logger logs, for a class a test cannot name (one that is
     * not public).
     * @param name the logger's name
     * @return the capture; close it to stop
     */
    public static CapturedLogEvents of(String name) {
        return new CapturedLogEvents(name);
    }

    /** The {@code reason_id} of every event captured so far, in order. */
    public List<String> reasonIds() {
        return List.copyOf(this.appender.list)
            .stream()
            .flatMap((event) -> (event.getKeyValuePairs() != null) ? event.getKeyValuePairs().stream()
                    : java.util.stream.Stream.empty())
            .filter((pair) -> "reason_id".equals(pair.key))
            .map((pair) -> Objects.toString(pair.value))
            .toList();
    }

    /**
     * The key-values of every event captured so far, in order, each as {@code key=value}.
     */
    public List<List<String>> keyValues() {
        return List.copyOf(this.appender.list)
            .stream()
            .map((event) -> (event.getKeyValuePairs() != null)
                    ? event.getKeyValuePairs().stream().map((pair) -> pair.key + "=" + pair.value).toList()
                    : List.<String>of())
            .toList();
    }

    /**
     * Captures debug events too, until closed (the logger's level is restored then).
     * @return this capture
     */
    public CapturedLogEvents includingDebug() {
        this.logger.setLevel(Level.DEBUG);
        this.levelChanged = true;
        return this;
    }

    /** The level of every event captured so far, in order. */
    public List<String> levels() {
        return List.copyOf(this.appender.list).stream().map((event) -> event.getLevel().toString()).toList();
    }

    /** The class of the throwable of every event captured with one, in order. */
    public List<String> throwables() {
        return List.copyOf(this.appender.list)
            .stream()
            .filter((event) -> event.getThrowableProxy() != null)
            .map((event) -> event.getThrowableProxy().getClassName())
            .toList();
    }

    /** The formatted message of every event captured so far, in order. */
    public List<String> messages() {
        return List.copyOf(this.appender.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        this.logger.detachAppender(this.appender);
        this.appender.stop();
        if (this.levelChanged) {
            this.logger.setLevel(this.previousLevel);
        }
    }

}
