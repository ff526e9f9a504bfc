package dev.edgeauth.common.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service answers to a request its HTTP codec refuses, before any application
 * code runs: the contract's problem, never an empty body, and no log line that repeats
 * the request (its URI may carry a secret). A service's test class implements it and
 * names its public port.
 */
public interface CodecRefusalContract {

    /** A path segment (a link's code, say) that must never reach a log. */
    String SECRET = "s3cr3t-never-logged";

    /** The logger of common's {@code CodecFailureProblems} (not public). */
    String REFUSALS_LOGGER = "dev.edgeauth.common.connection.CodecFailureProblems";

    /** The service's public port. */
    int publicPort();

    @Test
    default void requestWhenPercentEncodingBrokenThenInvalidRequestProblem() {
        try (CapturedLogEvents server = CapturedLogEvents.of("reactor.netty.http.server.HttpServerOperations");
                CapturedLogEvents refusals = CapturedLogEvents
                    .of("dev.edgeauth.common.connection.CodecFailureProblems")) {
            RawHttpExchange.Response response = RawHttpExchange.send(publicPort(),
                    "GET /api/tasks?cursor=%%%&token=" + SECRET + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

            assertProblem(response, 400, "invalid_request");
            assertThat(refusals.reasonIds()).containsExactly("request_refused_by_codec");
            assertThat(server.messages()).noneMatch((message) -> message.contains(SECRET));
            assertThat(refusals.messages()).noneMatch((message) -> message.contains(SECRET));
        }
    }

    @Test
    default void requestWhenRequestLineMalformedThenInvalidRequestProblem() {
        RawHttpExchange.Response response = RawHttpExchange.send(publicPort(), "NOT-HTTP\r\n\r\n");

        assertProblem(response, 400, "invalid_request");
    }

    @Test
    default void requestWhenRequestLineOverLimitThenUriTooLongProblem() {
        RawHttpExchange.Response response = RawHttpExchange.send(publicPort(),
                "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertProblem(response, 414, "uri_too_long");
    }

    @Test
    default void requestWhenHeadersOverLimitThenRequestHeaderFieldsTooLargeProblem() {
        // Reactor Netty's own warning would repeat the request's path (it filters the
        // query).
        try (CapturedLogEvents server = CapturedLogEvents.of("reactor.netty.http.server.HttpServerOperations");
                CapturedLogEvents refusals = CapturedLogEvents.of(REFUSALS_LOGGER)) {
            RawHttpExchange.Response response = RawHttpExchange.send(publicPort(), "GET /api/reset/" + SECRET
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(9000) + "\r\n\r\n");

            assertProblem(response, 431, "request_header_fields_too_large");
            assertThat(refusals.reasonIds()).containsExactly("request_refused_by_codec");
            assertThat(server.messages()).noneMatch((message) -> message.contains(SECRET));
            assertThat(refusals.messages()).noneMatch((message) -> message.contains(SECRET));
        }
    }

    private static void assertProblem(RawHttpExchange.Response response, int status, String code) {
        assertThat(response.reset()).as("connection reset").isFalse();
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(response.body().length()));
        assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("\"status\":" + status);
    }

}
