package dev.edgeauth.common.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Every variable is {@code EDGEAUTH_} and words joined by {@code _}. A variable that
 * Spring's relaxed binding would not map to its property (a word boundary the property
 * does not have) is mapped here, and the name it had before is still read, with one
 * deprecation warning at start-up naming the new one ({@link #RENAMED}; the README lists
 * them). A new name wins over the old one; a property given on the command line or in
 * {@code SPRING_APPLICATION_JSON} wins over both.
 */
public final class RenamedVariables implements EnvironmentPostProcessor, Ordered {

    /** Before the configuration files are read, so their placeholders see the mapping. */
    public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER - 1;

    private static final String PROPERTY_SOURCE = "edgeauthRenamedVariables";

    /**
     * The renamed variables: the name, the name it had, the property it sets.
     */
    static final List<Renamed> RENAMED = List.of(
            new Renamed("EDGEAUTH_DATABASE_CONNECT_TIMEOUT", "EDGEAUTH_DATABASE_CONNECTTIMEOUT",
                    "edgeauth.database.connect-timeout"),
            new Renamed("EDGEAUTH_DATABASE_EMBEDDED_DATA_DIR", "EDGEAUTH_DATABASE_EMBEDDED_DATADIR",
                    "edgeauth.database.embedded.data-dir"),
            // The backends' own name; the gateway's is EDGEAUTH_GATEWAY_TRUSTED_PROXIES.
            // Each is
            // read by its services' configuration files, not here, so neither reaches the
            // other.
            new Renamed("EDGEAUTH_BACKEND_TRUSTED_PROXIES", "EDGEAUTH_CLIENTADDRESS_TRUSTEDPROXIES", null),
            new Renamed("EDGEAUTH_CLIENT_ADDRESS_IPV6_PREFIX", "EDGEAUTH_CLIENTADDRESS_IPV6PREFIX",
                    "edgeauth.client-address.ipv6-prefix"),
            new Renamed("EDGEAUTH_PASSWORD_MIN_STRENGTH", "EDGEAUTH_PASSWORD_MINSTRENGTH",
                    "edgeauth.password.min-strength"),
            new Renamed("EDGEAUTH_PASSWORD_HASHING_THREADS", "EDGEAUTH_PASSWORD_HASHINGTHREADS",
                    "edgeauth.password.hashing-threads"),
            new Renamed("EDGEAUTH_PASSWORD_HASHING_QUEUE", "EDGEAUTH_PASSWORD_HASHINGQUEUE",
                    "edgeauth.password.hashing-queue"),
            new Renamed("EDGEAUTH_PASSWORD_ARGON2_MEMORY_KIB", "EDGEAUTH_PASSWORD_ARGON2MEMORYKIB",
                    "edgeauth.password.argon2-memory-kib"),
            new Renamed("EDGEAUTH_PASSWORD_ARGON2_ITERATIONS", "EDGEAUTH_PASSWORD_ARGON2ITERATIONS",
                    "edgeauth.password.argon2-iterations"),
            new Renamed("EDGEAUTH_LOGIN_LOCKOUT_BASE_LOCK", "EDGEAUTH_LOGIN_LOCKOUT_BASELOCK",
                    "edgeauth.login.lockout.base-lock"),
            new Renamed("EDGEAUTH_LOGIN_LOCKOUT_MAX_LOCK", "EDGEAUTH_LOGIN_LOCKOUT_MAXLOCK",
                    "edgeauth.login.lockout.max-lock"),
            new Renamed("EDGEAUTH_LOGIN_LOCKOUT_ACCOUNT_THRESHOLD", "EDGEAUTH_LOGIN_LOCKOUT_ACCOUNTTHRESHOLD",
                    "edgeauth.login.lockout.account-threshold"),
            new Renamed("EDGEAUTH_LOGIN_LOCKOUT_ACCOUNT_LOCK", "EDGEAUTH_LOGIN_LOCKOUT_ACCOUNTLOCK",
                    "edgeauth.login.lockout.account-lock"));

    private final Log log;

    /**
     * The variables this maps to their properties, new name to property, for the check
     * that every documented variable is read.
     * @return the mapping
     */
    public static Map<String, String> mappedVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Renamed renamed : RENAMED) {
            if (renamed.property() != null) {
                variables.put(renamed.name(), renamed.property());
            }
        }
        return variables;
    }

    public RenamedVariables(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(RenamedVariables.class);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        PropertySource<?> variables = environment.getPropertySources()
            .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        if (variables == null) {
            return;
        }
        Map<String, Object> mapped = new LinkedHashMap<>();
        for (Renamed renamed : RENAMED) {
            Object value = variables.getProperty(renamed.name());
            if (value == null) {
                value = variables.getProperty(renamed.oldName());
                if (value != null) {
                    this.log.warn(renamed.oldName() + " is deprecated and will be removed: set " + renamed.name()
                            + " instead (same value)");
                }
            }
            if (value != null && renamed.property() != null) {
                mapped.put(renamed.property(), value);
            }
        }
        if (mapped.isEmpty() || environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        // Beside the environment variables: above the configuration files, below the
        // command line.
        environment.getPropertySources()
            .addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new MapPropertySource(PROPERTY_SOURCE, mapped));
    }

    /**
     * A variable and the name it had.
     *
     * @param name the variable
     * @param oldName the name it had, still read
     * @param property the property both set, or {@code null} when the configuration files
     * read the new name themselves
     */
    record Renamed(String name, String oldName, @Nullable String property) {
    }

}
