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
 */
@ConfigurationProperties("edgeauth.client-address")
public record ClientAddressProperties(@DefaultValue( {
        "127.0.0.0/8", "::1/128" }) List<String> trustedProxies){

}
