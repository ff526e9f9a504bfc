package dev.edgeauth.gateway.ratelimit;

import java.util.Map;

import dev.edgeauth.common.testing.WholeResponseConnector;
import dev.edgeauth.gateway.testing.GatewayInstance;
import dev.edgeauth.gateway.testing.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-IP windows count an IPv6 client by its /64 and an IPv4-mapped address as the IPv4
 * one. The client addresses come in {@code X-Forwarded-For} from a trusted proxy (the
 * test, on loopback), each test on addresses of its own; the policy is 3 a minute.
 */
class AddressPrefixTests extends GatewayTestSupport {

    private static GatewayInstance gateway;

    @BeforeAll
    static void startBehindProxy() {
        gateway = GatewayInstance.start(standardRoutes(),
                Map.of("edgeauth.client-address.trusted-proxies", "127.0.0.1/32"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void windowWhenAddressesShareASlash64ThenOneWindowAndTheNextSlash64HasItsOwn() {
        assertThat(status("2001:db8:a:1::1")).isEqualTo(200);
        assertThat(status("2001:db8:a:1::2")).isEqualTo(200);
        assertThat(status("2001:db8:a:1:ffff:ffff:ffff:ffff")).isEqualTo(200);
        assertThat(status("2001:db8:a:1::4")).isEqualTo(429);

        assertThat(status("2001:db8:a:2::1")).isEqualTo(200);
    }

    @Test
    void windowWhenIpv4MappedThenSameWindowAsTheIpv4Address() {
        assertThat(status("::ffff:192.0.2.10")).isEqualTo(200);
        assertThat(status("192.0.2.10")).isEqualTo(200);
        assertThat(status("::ffff:192.0.2.10")).isEqualTo(200);
        assertThat(status("192.0.2.10")).isEqualTo(429);

        assertThat(status("192.0.2.11")).isEqualTo(200);
    }

    // One connection per exchange (WholeResponseConnector): on a keep-alive connection
    // Reactor Netty 1.3.6 can stop reading after a request it answered synchronously
    // (a local 429), and the next request stalls.
    private static int status(String client) {
        return WholeResponseConnector.bindToServer("http://127.0.0.1:" + gateway.port())
            .build()
            .get()
            .uri("/limited-ip/x")
            .header("X-Forwarded-For", client)
            .exchange()
            .returnResult(Void.class)
            .getStatus()
            .value();
    }

}
