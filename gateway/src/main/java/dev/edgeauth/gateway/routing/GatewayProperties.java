package dev.edgeauth.gateway.routing;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own settings (the routes themselves live in the routes file).
 *
 * @param routesFile the routes file; empty (default): the routes shipped in the jar,
 * {@code edgeauth/default-routes.yaml}, not watched
 * @param routesCheckInterval how often the routes file is checked for a change besides
 * file-system events; default 2 s
 * @param maxBodySize larger request bodies are refused with 413; default 64 KB
 * @param backendConnectTimeout how long a connection to a backend may take, for routes
 * that set none of their own; default 2 s
 */
@Validated
@ConfigurationProperties("edgeauth.gateway")
public record GatewayProperties(@DefaultValue("") String routesFile,
        @DefaultValue("2s") @NotNull Duration routesCheckInterval, @DefaultValue("64KB") @NotNull DataSize maxBodySize,
        @DefaultValue("2s") @NotNull Duration backendConnectTimeout) {

}
