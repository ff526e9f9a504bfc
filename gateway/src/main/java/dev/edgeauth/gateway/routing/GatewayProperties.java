package dev.edgeauth.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The routing settings: where the routes file is, and what no route may reach (the routes
 * themselves live in the routes file; the size and backend settings are
 * {@code system/EdgeProperties}).
 *
 * @param routesFile the routes file; empty (default): the routes shipped in the jar,
 * {@code edgeauth/default-routes.yaml}, not watched
 * @param routesCheckInterval how often the routes file is checked for a change besides
 * file-system events; default 2 s
 * @param authInternalUrl the auth-service's management base URL (the revocation feed);
 * default {@code EDGEAUTH_AUTH_INTERNAL_URL} ({@code http://localhost:9100}); no route
 * may point at its port
 * @param managementPorts the stack's management ports, which no route may point at (on
 * any host); default the gateway's own, {@code EDGEAUTH_AUTH_MANAGEMENT_PORT} (9100) and
 * {@code EDGEAUTH_TASK_MANAGEMENT_PORT} (8181)
 */
@Validated
@ConfigurationProperties("edgeauth.gateway")
public record GatewayProperties(@DefaultValue("") String routesFile,
        @DefaultValue("2s") @NotNull Duration routesCheckInterval,
        @DefaultValue("http://localhost:9100") @NotNull URI authInternalUrl, @DefaultValue( {
                "8180", "9100", "8181" }) @NotNull List<Integer> managementPorts){

    /**
     * The ports no route may point at: {@link #managementPorts()} and the port of
     * {@link #authInternalUrl()}.
     * @return the refused ports
     */
    public Set<Integer> refusedRoutePorts() {
        Set<Integer> ports = new HashSet<>(this.managementPorts);
        ports.add(portOf(this.authInternalUrl));
        return Set.copyOf(ports);
    }

    /**
     * The port an http(s) URI reaches: its own, else the scheme's default.
     * @param uri the URI
     * @return the port
     */
    static int portOf(URI uri) {
        return (uri.getPort() >= 0) ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
    }

}
