package dev.edgeauth.common.connection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * How a service closes a connection ({@code edgeauth.connection.*}).
 *
 * @param lingeringCloseTimeout how long a connection the server closes keeps reading and
 * discarding what the client still sends (default 2 s, as nginx's {@code lingering_time}
 * idea at its {@code lingering_timeout} scale)
 * @param lingeringCloseMaxBytes the most it discards before closing anyway (default 4
 * MiB)
 */
@ConfigurationProperties("edgeauth.connection")
public record ConnectionProperties(@DefaultValue("2s") Duration lingeringCloseTimeout,
        @DefaultValue("4MB") DataSize lingeringCloseMaxBytes) {

    public ConnectionProperties {
        Assert.isTrue(!lingeringCloseTimeout.isNegative(), "lingeringCloseTimeout cannot be negative");
        Assert.isTrue(lingeringCloseMaxBytes.toBytes() >= 0, "lingeringCloseMaxBytes cannot be negative");
    }

}
