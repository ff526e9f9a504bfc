package dev.edgeauth.common.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which peers may tell us the client's address in {@code X-Forwarded-For}.
 *
 * @param trustedProxies CIDR ranges of proxies whose {@code X-Forwarded-For} is believed;
 * default loopback (the gateway on the same host). The gateway itself sets this to none:
 * its peer is the client.
 * @param ipv6Prefix {@code EDGEAUTH_CLIENT_ADDRESS_IPV6_PREFIX}: the prefix length
 * (1–128) an IPv6 client address is counted by in every rate-limit window and lockout
 * key; default 64, the smallest block one host is usually given, so a host cannot rotate
 * addresses inside its own prefix for fresh windows. IPv4 is counted per address.
 */
@ConfigurationProperties("edgeauth.client-address")
public record ClientAddressProperties(@DefaultValue( {
        "127.0.0.0/8", "::1/128" }) List<String> trustedProxies, @DefaultValue("64") int ipv6Prefix){

    public ClientAddressProperties {
        if (ipv6Prefix < 1 || ipv6Prefix > 128) {
            throw new IllegalArgumentException(
                    "edgeauth.client-address.ipv6-prefix (EDGEAUTH_CLIENT_ADDRESS_IPV6_PREFIX) must be 1 to 128, got "
                            + ipv6Prefix);
        }
    }

}
