package dev.edgeauth.gateway.system;

import java.util.concurrent.atomic.AtomicLong;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.common.problem.ProblemResponseWriter;
import dev.edgeauth.gateway.pipeline.GatewayStages;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Request bodies larger than {@code edgeauth.gateway.max-body-size} are 413
 * {@code payload_too_large}: at once when {@code Content-Length} says so, and for a
 * chunked body as soon as the bytes streamed to the backend pass the limit (the proxied
 * body is never buffered, so {@code spring.http.codecs} limits do not apply to it).
 */
public final class RequestSizeLimitFilter implements GlobalFilter, Ordered {

    private static final String DETAIL = "The request body is larger than the configured limit";

    private final long maxBytes;

    private final ProblemResponseWriter problems;

    public RequestSizeLimitFilter(long maxBytes, ProblemResponseWriter problems) {
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return GatewayStages.REQUEST_SIZE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > this.maxBytes) {
            return this.problems.write(exchange, ErrorCode.PAYLOAD_TOO_LARGE, DETAIL);
        }
        if (declared >= 0 || !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            // The server never reads more than Content-Length, and a request with neither
            // header has no body (RFC 9112 §6.1): only a chunked body needs counting.
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new LimitedBodyRequest(exchange.getRequest())).build());
    }

    private final class LimitedBodyRequest extends ServerHttpRequestDecorator {

        LimitedBodyRequest(ServerHttpRequest delegate) {
            super(delegate);
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong seen = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > RequestSizeLimitFilter.this.maxBytes) {
                    org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                    sink.error(new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, DETAIL));
                }
                else {
                    sink.next(buffer);
                }
            });
        }

    }

}
