package dev.edgeauth.common.logging;

import java.util.List;

import dev.edgeauth.common.testing.CapturedLogEvents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A decision is one event whose facts are key-values (JSON fields in the structured
 * format) and, repeated, {@code key=value} in the message (the plain format).
 */
class DecisionLogTests {

    private final DecisionLog decisions = DecisionLog.of(DecisionLogTests.class);

    @Test
    void warnWhenFactsGivenThenKeyValuesAndTheSameInTheMessage() {
        try (CapturedLogEvents log = CapturedLogEvents.of(DecisionLogTests.class)) {
            this.decisions.warn("jwks_fetch_failed", "uri", "http://auth/jwks", "cached_keys", 2);

            assertThat(log.reasonIds()).containsExactly("jwks_fetch_failed");
            assertThat(log.keyValues())
                .containsExactly(List.of("reason_id=jwks_fetch_failed", "uri=http://auth/jwks", "cached_keys=2"));
            assertThat(log.messages())
                .containsExactly("reason_id=jwks_fetch_failed uri=http://auth/jwks cached_keys=2");
        }
    }

    @Test
    void messageWhenValueHasSpacesOrQuotesThenQuoted() {
        try (CapturedLogEvents log = CapturedLogEvents.of(DecisionLogTests.class)) {
            this.decisions.error("routes_file_refused", "cause", "route 'a': \"uri\" is bad", "file", null);

            assertThat(log.messages())
                .containsExactly("reason_id=routes_file_refused cause=\"route 'a': \\\"uri\\\" is bad\" file=null");
        }
    }

    @Test
    void errorWhenCauseGivenThenItTravelsWithTheEvent() {
        try (CapturedLogEvents log = CapturedLogEvents.of(DecisionLogTests.class)) {
            this.decisions.error("unexpected_error", new IllegalStateException("boom"), "path", "/x");

            assertThat(log.messages()).containsExactly("reason_id=unexpected_error path=/x");
            assertThat(log.throwables()).singleElement().isEqualTo(IllegalStateException.class.getName());
        }
    }

    @Test
    void factsWhenNotInPairsThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.decisions.warn("x", "lonely"));
    }

}
