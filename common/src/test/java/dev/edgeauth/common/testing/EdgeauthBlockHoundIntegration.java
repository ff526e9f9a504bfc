package dev.edgeauth.common.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The waits every module's tests accept on an event loop, each allowed by its exact frame
 * (BlockHound stays on for everything else). Found through this test-jar by every module
 * that uses it.
 */
public final class EdgeauthBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // Jackson 3 builds the deserializer of a type once, under a ReentrantLock; two
        // event loops that decode the same type for the first time at the same moment
        // wait for each other that once (seen: 20 parallel refreshes decoding their first
        // answers). Every later decode reads the cache without a lock.
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
                "_createAndCacheValueDeserializer");
        // Netty loads its native transport from its jar once per JVM, in a class
        // initializer run by the first thread that opens a connection (for R2DBC, a
        // non-blocking one). An error there fails the class for the rest of the JVM, and
        // the transport silently falls back to NIO.
        builder.allowBlockingCallsInside("io.netty.util.internal.NativeLibraryLoader", "load");
        // Cancelling a timer (an interval cut short by takeUntil, a timeout that did not
        // fire) removes its task from the scheduler's queue under the queue's lock, held
        // only for that removal, like the offer and take Reactor already allows.
        // BlockHound's
        // error thrown from inside that lock acquisition left the lock's wait queue
        // corrupt: the scheduler worker hung and every later timer on it never fired.
        builder.allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "remove");
        // Netty's adaptive buffer allocator, when it adds magazines (a rare step of an
        // allocation on any thread), frees each replaced one under its StampedLock's
        // write
        // lock, held only for that.
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                "tryExpandMagazines");
        // The error is thrown where the call was made; a caller that swallows it (a class
        // initializer, a completion callback) would hide it. Printing it first leaves the
        // cause in the test log.
        builder.blockingMethodCallback((method) -> {
            BlockingOperationError error = new BlockingOperationError(method);
            System.err.println("BlockHound: blocking call " + method + " on " + Thread.currentThread().getName());
            error.printStackTrace();
            throw error;
        });
    }

}
