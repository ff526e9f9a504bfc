package dev.edgeauth.gateway.system;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What the size stage and the backend client read ({@code edgeauth.gateway.*}, beside the
 * routing settings of {@code routing/GatewayProperties}).
 *
 * @param maxBodySize larger request bodies are refused with 413; default 64 KB
 * @param backendConnectTimeout how long a connection to a backend may take, for routes
 * that set none of their own; default 2 s
 */
@Validated
@ConfigurationProperties("edgeauth.gateway")
public record EdgeProperties(@DefaultValue("64KB") @NotNull DataSize maxBodySize,
        @DefaultValue("2s") @NotNull Duration backendConnectTimeout) {

}
