package dev.edgeauth.database;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a service keeps its data. Bound from {@code edgeauth.database.*} before the
 * application context exists, because R2DBC and Flyway need the connection settings it
 * produces.
 *
 * @param url a libpq-style URI {@code postgresql://user[:password]@host[:port]/database}
 * ({@code EDGEAUTH_DATABASE_URL}); unset: an embedded PostgreSQL is started
 * @param schema the service's own schema, holding its tables and its Flyway history; a
 * service that sets it has a database, one that does not (the gateway) has none
 * @param connectTimeout how long opening a connection may take before the request fails
 * with 503
 * @param embedded settings of the embedded PostgreSQL
 */
@ConfigurationProperties("edgeauth.database")
public record DatabaseProperties(@Nullable String url, @Nullable String schema,
        @DefaultValue("2s") Duration connectTimeout, @DefaultValue Embedded embedded) {

    /**
     * The embedded PostgreSQL used when no URL is set.
     *
     * @param dataDir the data folder; default
     * {@code data/<spring.application.name>/postgres} under the working directory, kept
     * across restarts
     * @param port the port; 0 picks a free one at each start
     * @param durable fsync and synchronous_commit on (default); off only for throw-away
     * test databases
     * @param ephemeral a fresh temporary data folder, deleted at shutdown (tests)
     */
    public record Embedded(@Nullable String dataDir, @DefaultValue("0") int port, @DefaultValue("true") boolean durable,
            @DefaultValue("false") boolean ephemeral) {

    }

}
