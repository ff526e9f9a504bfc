package dev.edgeauth.common.web;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressResolverTests {

    private final ClientAddressResolver loopbackTrusted = new ClientAddressResolver(
            new ClientAddressProperties(List.of("127.0.0.0/8", "::1/128"), 64));

    @Test
    void resolveWhenPeerUntrustedThenIgnoresForwardedFor() {
        MockServerHttpRequest request = from("203.0.113.7").header("X-Forwarded-For", "10.9.9.9").build();
        assertThat(this.loopbackTrusted.resolve(request)).isEqualTo("203.0.113.7");
    }

    @Test
    void resolveWhenPeerTrustedThenTakesRightmostUntrustedHop() {
        MockServerHttpRequest request = from("127.0.0.1").header("X-Forwarded-For", "6.6.6.6, 198.51.100.4").build();
        assertThat(this.loopbackTrusted.resolve(request)).isEqualTo("198.51.100.4");
    }

    @Test
    void resolveWhenSeveralHeaderLinesThenReadsThemAsOneList() {
        MockServerHttpRequest request = from("127.0.0.1").header("X-Forwarded-For", "6.6.6.6")
            .header("X-Forwarded-For", "198.51.100.4, 127.0.0.2")
            .build();
        assertThat(this.loopbackTrusted.resolve(request)).isEqualTo("198.51.100.4");
    }

    @Test
    void resolveWhenForwardedHopMalformedThenStopsAtLastGoodAddress() {
        MockServerHttpRequest request = from("127.0.0.1").header("X-Forwarded-For", "198.51.100.4, evil.example")
            .build();
        assertThat(this.loopbackTrusted.resolve(request)).isEqualTo("127.0.0.1");
    }

    @Test
    void resolveWhenNoProxyTrustedThenAlwaysPeer() {
        ClientAddressResolver none = new ClientAddressResolver(new ClientAddressProperties(List.of(), 64));
        MockServerHttpRequest request = from("127.0.0.1").header("X-Forwarded-For", "198.51.100.4").build();
        assertThat(none.resolve(request)).isEqualTo("127.0.0.1");
    }

    @Test
    void resolveWhenIpv6ProxyRangeThenMatches() {
        ClientAddressResolver resolver = new ClientAddressResolver(
                new ClientAddressProperties(List.of("2001:db8::/32"), 64));
        MockServerHttpRequest request = from("2001:db8::1").header("X-Forwarded-For", "2001:db9::5").build();
        assertThat(resolver.resolve(request)).isEqualTo("2001:db9:0:0:0:0:0:5");
    }

    @Test
    void constructorWhenRangeInvalidThenNamesIt() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new ClientAddressResolver(new ClientAddressProperties(List.of("10.0.0.0/33"), 64)))
            .withMessageContaining("10.0.0.0/33");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new ClientAddressResolver(new ClientAddressProperties(List.of("localhost"), 64)))
            .withMessageContaining("localhost");
    }

    @Test
    void countingKeyWhenIpv6ThenItsPrefix() {
        assertThat(this.loopbackTrusted.countingKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
            .isEqualTo(this.loopbackTrusted.countingKey("2001:db8:1:2::1"))
            .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(this.loopbackTrusted.countingKey("2001:db8:1:3::1"))
            .isNotEqualTo(this.loopbackTrusted.countingKey("2001:db8:1:2::1"));
    }

    @Test
    void countingKeyWhenIpv4OrMappedThenTheAddressItself() {
        assertThat(this.loopbackTrusted.countingKey("::ffff:127.0.0.1"))
            .isEqualTo(this.loopbackTrusted.countingKey("127.0.0.1"))
            .isEqualTo("127.0.0.1");
        assertThat(this.loopbackTrusted.countingKey("127.0.0.2")).isEqualTo("127.0.0.2");
    }

    @Test
    void countingKeyWhenPrefixConfiguredThenThatLength() {
        ClientAddressResolver per48 = new ClientAddressResolver(new ClientAddressProperties(List.of(), 48));
        assertThat(per48.countingKey("2001:db8:1:ffff::1")).isEqualTo("2001:db8:1:0:0:0:0:0/48");
        ClientAddressResolver per128 = new ClientAddressResolver(new ClientAddressProperties(List.of(), 128));
        assertThat(per128.countingKey("2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1/128");
    }

    @Test
    void countingKeyWhenNotAnAddressThenItself() {
        assertThat(this.loopbackTrusted.countingKey("unknown")).isEqualTo("unknown");
    }

    @Test
    void propertiesWhenPrefixOutOfRangeThenRefusedNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddressProperties(List.of(), 0))
            .withMessageContaining("EDGEAUTH_CLIENT_ADDRESS_IPV6_PREFIX");
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddressProperties(List.of(), 129));
    }

    private static MockServerHttpRequest.BaseBuilder<?> from(String peer) {
        return MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress(peer, 50000));
    }

}
