package dev.edgeauth.common.connection;

import java.util.HashMap;
import java.util.Map;

import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.common.problem.ProblemResponseWriter;
import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * Puts the connection handlers in every HTTP connection's pipeline: the lingering close
 * first (on the raw bytes), the codec-refusal problems right after the HTTP codec (so
 * they see the responses Reactor Netty writes for it).
 */
public final class ConnectionHandlers implements NettyServerCustomizer {

    private static final String REFUSED_DETAIL = "The request is not valid HTTP or could not be decoded";

    private final ConnectionProperties properties;

    private final CodecFailureProblems codecFailureProblems;

    public ConnectionHandlers(ConnectionProperties properties, ProblemResponseWriter problems) {
        this.properties = properties;
        Map<Integer, byte[]> bodies = new HashMap<>();
        CodecFailureProblems.refusals()
            .forEach((status, code) -> bodies.put(status, problems.encode(code, detail(code))));
        this.codecFailureProblems = new CodecFailureProblems(bodies);
    }

    private static String detail(ErrorCode code) {
        return switch (code) {
            case URI_TOO_LONG -> "The request line is longer than the server accepts";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are larger than the server accepts";
            default -> REFUSED_DETAIL;
        };
    }

    @Override
    public HttpServer apply(HttpServer server) {
        long timeoutNanos = this.properties.lingeringCloseTimeout().toNanos();
        long maxBytes = this.properties.lingeringCloseMaxBytes().toBytes();
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, CodecFailureProblems.NAME, this.codecFailureProblems);
            }
            pipeline.addFirst(LingeringClose.NAME, new LingeringClose(timeoutNanos, maxBytes));
        });
    }

}
