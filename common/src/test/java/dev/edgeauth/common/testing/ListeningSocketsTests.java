package dev.edgeauth.common.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound-address fixture reads what the kernel really has.
 */
class ListeningSocketsTests {

    @Test
    void boundAddressesWhenBoundToOneLoopbackAddressThenExactlyThatOne() throws IOException {
        for (String address : new String[] { "127.0.0.1", "127.0.0.2" }) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
                assertThat(ListeningSockets.boundAddresses(socket.getLocalPort()))
                    .containsExactly(InetAddress.getByName(address));
            }
        }
    }

    @Test
    void boundAddressesWhenNothingListensThenEmpty() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(ListeningSockets.boundAddresses(port)).isEmpty();
    }

}
