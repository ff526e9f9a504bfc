package dev.edgeauth.common.connection;

import java.util.Map;

import dev.edgeauth.common.problem.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the answers of Reactor Netty's HTTP codec a problem body. A request the codec
 * refuses (a bad request line or percent-encoding: 400; a request line over 4 KiB: 414;
 * headers over the limit: 431) is answered by Reactor Netty itself, before WebFlux and
 * its error handling exist, with an empty body; this handler, between the codec and
 * Reactor Netty's traffic handler, fills such an answer in with the contract's problem
 * and logs one line without the request (its URI may carry secrets).
 *
 * <p>
 * It recognises those answers by their shape: a full response with one of those statuses
 * and no body. Every answer the application writes has a body (specs/api.md, "Errors"),
 * so none is touched.
 */
@ChannelHandler.Sharable
final class CodecFailureProblems extends ChannelOutboundHandlerAdapter {

    static final String NAME = "edgeauth.codecFailureProblems";

    private static final Logger logger = LoggerFactory.getLogger(CodecFailureProblems.class);

    private final Map<Integer, byte[]> problems;

    /**
     * @param problems the problem+json body for each refused status, by status code
     */
    CodecFailureProblems(Map<Integer, byte[]> problems) {
        this.problems = Map.copyOf(problems);
    }

    /** The statuses Reactor Netty answers for a request its codec refuses. */
    static Map<Integer, ErrorCode> refusals() {
        return Map.of(400, ErrorCode.INVALID_REQUEST, 414, ErrorCode.URI_TOO_LONG, 431,
                ErrorCode.REQUEST_HEADER_FIELDS_TOO_LARGE);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof FullHttpResponse response && !response.content().isReadable()) {
            byte[] problem = this.problems.get(response.status().code());
            if (problem != null) {
                logger.atInfo()
                    .addKeyValue("reason_id", "request_refused_by_codec")
                    .addKeyValue("status", response.status().code())
                    .log("Request refused by the HTTP codec: {}", response.status().code());
                FullHttpResponse answer = response.replace(Unpooled.wrappedBuffer(problem));
                response.release();
                answer.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, problem.length);
                // The answer says Connection: close; Reactor Netty does not always close
                // after it (a URI that fails to decode), so the connection would wait
                // idle.
                ctx.write(answer, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.write(msg, promise);
    }

}
