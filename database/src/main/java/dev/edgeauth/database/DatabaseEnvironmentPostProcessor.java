package dev.edgeauth.database;

import java.nio.file.Path;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Connects a service with a database ({@code edgeauth.database.schema} set) to PostgreSQL
 * before the context starts: to the server of {@code EDGEAUTH_DATABASE_URL} when it is
 * set, otherwise to an embedded PostgreSQL it starts. Either way the service uses its own
 * schema, so services never collide on one server.
 */
public final class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** After the application's configuration files are loaded. */
    public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 10;

    private static final String PROPERTY_SOURCE = "edgeauthDatabase";

    private static final String ZONKY = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private final Log log;

    public DatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(DatabaseEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DatabaseProperties properties = Binder.get(environment)
            .bindOrCreate("edgeauth.database", DatabaseProperties.class);
        String schema = properties.schema();
        if (!StringUtils.hasText(schema) || environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        if (!schema.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException(
                    "edgeauth.database.schema must be a lowercase SQL identifier, not '" + schema + "'");
        }
        DatabaseServer server = StringUtils.hasText(properties.url()) ? DatabaseServer.parse(properties.url())
                : startEmbedded(properties.embedded(), environment);
        this.log.info("Database schema '" + schema + "' on " + server.describe());
        environment.getPropertySources()
            .addFirst(new MapPropertySource(PROPERTY_SOURCE,
                    server.springProperties(schema, properties.connectTimeout())));
    }

    private DatabaseServer startEmbedded(DatabaseProperties.Embedded embedded, ConfigurableEnvironment environment) {
        if (!ClassUtils.isPresent(ZONKY, getClass().getClassLoader())) {
            throw new IllegalStateException(
                    "EDGEAUTH_DATABASE_URL is not set and the embedded PostgreSQL is not on the classpath");
        }
        String dataDir = StringUtils.hasText(embedded.dataDir()) ? embedded.dataDir()
                : "data/" + environment.getProperty("spring.application.name", "edgeauth") + "/postgres";
        return EmbeddedPostgresServer.start(embedded, Path.of(dataDir), this.log);
    }

}
