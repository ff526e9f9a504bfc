package dev.edgeauth.common.testing;

import reactor.blockhound.BlockHound;
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
    }

}
