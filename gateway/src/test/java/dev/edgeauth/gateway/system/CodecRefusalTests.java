package dev.edgeauth.gateway.system;

import dev.edgeauth.common.testing.CodecRefusalContract;
import dev.edgeauth.gateway.testing.GatewayTestSupport;

/**
 * The gateway's public port answers a request its HTTP codec refuses with the contract's
 * problem (the cases are {@link CodecRefusalContract}'s).
 */
class CodecRefusalTests extends GatewayTestSupport implements CodecRefusalContract {

    @Override
    public int publicPort() {
        return this.port;
    }

}
