package dev.edgeauth.taskservice.system;

import dev.edgeauth.common.testing.CodecRefusalContract;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The task-service answers a request its HTTP codec refuses with the contract's problem
 * (the cases are {@link CodecRefusalContract}'s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CodecRefusalTests implements CodecRefusalContract {

    @LocalServerPort
    private int port;

    @Override
    public int publicPort() {
        return this.port;
    }

}
