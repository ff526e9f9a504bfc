package dev.edgeauth.common.problem;

import dev.edgeauth.common.testing.CapturedLogEvents;
import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dropped error from a client that hung up is a debug line; any other is an error with
 * its stack trace.
 */
class DroppedErrorsTests {

    @Test
    void logWhenAClientHungUpThenDebugOnly() {
        try (CapturedLogEvents log = CapturedLogEvents.of(DroppedErrors.class).includingDebug()) {
            DroppedErrors.log(new AbortedException("Connection has been closed"));

            assertThat(log.reasonIds()).containsExactly("client_disconnected");
            assertThat(log.throwables()).isEmpty();
            assertThat(log.levels()).containsExactly("DEBUG");
        }
    }

    @Test
    void logWhenAnythingElseThenAnErrorWithItsStackTrace() {
        try (CapturedLogEvents log = CapturedLogEvents.of(DroppedErrors.class)) {
            DroppedErrors.log(new IllegalStateException("a defect"));

            assertThat(log.reasonIds()).containsExactly("error_dropped");
            assertThat(log.throwables()).containsExactly(IllegalStateException.class.getName());
            assertThat(log.levels()).containsExactly("ERROR");
        }
    }

}
