package dev.edgeauth.common.connection;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * A server-side close that lets the client read the answer: instead of closing at once,
 * the connection sends its FIN after the response and reads and discards whatever the
 * client still sends, until the client closes, {@code timeout} passes or {@code maxBytes}
 * have been discarded, and only then closes.
 *
 * <p>
 * Without it, a server that answers 413 while a request body is still arriving closes a
 * socket with unread data, the kernel sends a reset, and the client, still writing, never
 * reads the 413 (RFC 9112 §9.6; nginx's and Apache's lingering close). Sits first in the
 * pipeline, on the raw bytes, so nothing it discards reaches the HTTP codec. A close the
 * client started (end of stream) is not delayed.
 */
final class LingeringClose extends ChannelDuplexHandler {

    static final String NAME = "edgeauth.lingeringClose";

    private final long timeoutNanos;

    private final long maxBytes;

    private boolean lingering;

    private long discarded;

    private @Nullable ScheduledFuture<?> deadline;

    LingeringClose(long timeoutNanos, long maxBytes) {
        this.timeoutNanos = timeoutNanos;
        this.maxBytes = maxBytes;
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (this.lingering) {
            // Closed already once: the lingering close ends it.
            ctx.channel().closeFuture().addListener((closed) -> promise.trySuccess());
            return;
        }
        if (!ctx.channel().isActive() || !(ctx.channel() instanceof DuplexChannel channel) || channel.isInputShutdown()
                || this.timeoutNanos == 0) {
            ctx.close(promise);
            return;
        }
        this.lingering = true;
        channel.closeFuture().addListener((closed) -> promise.trySuccess());
        this.deadline = ctx.executor().schedule(() -> ctx.close(), this.timeoutNanos, TimeUnit.NANOSECONDS);
        // The response is out (close follows its write); the FIN tells the client it is
        // whole, and what still arrives is read and dropped.
        channel.shutdownOutput().addListener((shutdown) -> {
            if (!shutdown.isSuccess()) {
                ctx.close();
            }
        });
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!this.lingering) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof ByteBuf bytes) {
            this.discarded += bytes.readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (this.discarded > this.maxBytes) {
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!this.lingering) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (this.deadline != null) {
            this.deadline.cancel(false);
        }
        ctx.fireChannelInactive();
    }

}
