package dev.edgeauth.auth.system;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.common.testing.CodecRefusalContract;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The auth-service answers a request its HTTP codec refuses with the contract's problem
 * (the cases are {@link CodecRefusalContract}'s).
 */
@AuthServiceIntegrationTest
class CodecRefusalTests implements CodecRefusalContract {

    @LocalServerPort
    private int port;

    @Override
    public int publicPort() {
        return this.port;
    }

}
