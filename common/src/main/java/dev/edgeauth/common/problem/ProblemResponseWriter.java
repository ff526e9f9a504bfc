package dev.edgeauth.common.problem;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes an RFC 9457 {@code application/problem+json} answer with the contract's
 * {@code code} member.
 *
 * <p>
 * The single place where an error becomes bytes: the exception handler, security entry
 * points and filters all call it, so every error has the same shape and the same headers.
 */
public final class ProblemResponseWriter {

    private static final ResolvableType PROBLEM_TYPE = ResolvableType.forClass(ProblemDetail.class);

    private final HttpMessageWriter<ProblemDetail> writer;

    private final Encoder<ProblemDetail> encoder;

    @SuppressWarnings("unchecked")
    public ProblemResponseWriter(ServerCodecConfigurer codecs) {
        Assert.notNull(codecs, "codecs cannot be null");
        this.writer = (HttpMessageWriter<ProblemDetail>) codecs.getWriters()
            .stream()
            .filter((candidate) -> candidate.canWrite(PROBLEM_TYPE, MediaType.APPLICATION_PROBLEM_JSON))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No JSON writer for application/problem+json"));
        if (!(this.writer instanceof EncoderHttpMessageWriter<ProblemDetail> encoding)) {
            throw new IllegalStateException("The application/problem+json writer is not an encoder: " + this.writer);
        }
        this.encoder = encoding.getEncoder();
    }

    /**
     * The bytes of a problem as this writer sends them, for answers written below WebFlux
     * (the HTTP codec's own refusals).
     * @param code the contract code
     * @param detail the explanation, safe to show
     * @return the JSON body
     */
    public byte[] encode(ErrorCode code, String detail) {
        DataBuffer buffer = this.encoder.encodeValue(problem(code, detail), DefaultDataBufferFactory.sharedInstance,
                PROBLEM_TYPE, MediaType.APPLICATION_PROBLEM_JSON, Map.of());
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    /**
     * Builds the problem for a code; {@code detail} must be safe to show a client.
     * @param code the contract code
     * @param detail the human-readable explanation
     * @return the problem, with {@code code} as an extension member
     */
    public static ProblemDetail problem(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
        problem.setType(code.type());
        problem.setTitle(code.title());
        problem.setProperty("code", code.code());
        return problem;
    }

    public Mono<Void> write(ServerWebExchange exchange, ApiException exception) {
        return write(exchange, exception.errorCode(), exception.getMessage(), exception.retryAfter(), Map.of());
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String detail) {
        return write(exchange, code, detail, null, Map.of());
    }

    /**
     * Writes the problem, with {@code Retry-After} when a wait is given and
     * {@code WWW-Authenticate} on every 401 (RFC 9110 §15.5.2, RFC 6750 §3).
     * @param exchange the exchange to answer
     * @param code the contract code
     * @param detail the explanation, safe to show
     * @param retryAfter how long to wait, or {@code null}
     * @param extraHeaders headers the error itself demands (such as {@code Allow} on 405)
     * @return completion of the write
     */
    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String detail, @Nullable Duration retryAfter,
            Map<String, String> extraHeaders) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(code.status());
        HttpHeaders headers = response.getHeaders();
        headers.setCacheControl("no-store");
        extraHeaders.forEach(headers::set);
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(retryAfter))));
        }
        if (code.status().value() == 401) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate(exchange, code));
        }
        return this.writer.write(Mono.just(problem(code, detail)), PROBLEM_TYPE, MediaType.APPLICATION_PROBLEM_JSON,
                response, Map.of());
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return (duration.getNano() > 0) ? seconds + 1 : seconds;
    }

    // RFC 6750 §3.1: a request without a token gets no error code; a rejected token gets
    // invalid_token.
    private static String wwwAuthenticate(ServerWebExchange exchange, ErrorCode code) {
        boolean tokenPresented = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        return (tokenPresented && code == ErrorCode.INVALID_TOKEN) ? "Bearer error=\"invalid_token\"" : "Bearer";
    }

}
