package dev.edgeauth.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server to connect to, and the Spring properties (R2DBC for the service,
 * JDBC for Flyway) that point a service's schema at it.
 *
 * @param host the host name or address
 * @param port the port
 * @param database the database name
 * @param username the user
 * @param password the password, or {@code null} (trust or peer authentication)
 */
public record DatabaseServer(String host, int port, String database, String username, @Nullable String password) {

    private static final int DEFAULT_PORT = 5432;

    /**
     * Parses {@code postgresql://user[:password]@host[:port]/database} (also
     * {@code postgres://}).
     * @param url the URI; the password percent-encoded
     * @return the server
     * @throws IllegalArgumentException naming the property when the URI is not of that
     * form
     */
    public static DatabaseServer parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        }
        catch (URISyntaxException ex) {
            throw invalid("it is not a URI");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw invalid("the scheme must be postgresql://");
        }
        if (uri.getHost() == null) {
            throw invalid("it names no host");
        }
        String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        String username = "postgres";
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            username = decode(userInfo[0]);
            password = (userInfo.length > 1) ? decode(userInfo[1]) : null;
        }
        return new DatabaseServer(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : DEFAULT_PORT,
                database.isEmpty() ? "postgres" : database, username, password);
    }

    /**
     * The properties that connect a service to its schema on this server.
     * @param schema the service's schema (search path for R2DBC, home of Flyway's
     * history)
     * @param connectTimeout the connect timeout
     * @return Spring property names and values
     */
    public Map<String, Object> springProperties(String schema, Duration connectTimeout) {
        String hostPort = this.host + ":" + this.port + "/" + this.database;
        Map<String, Object> properties = new LinkedHashMap<>();
        // Results of parameterized statements in binary: a timestamp is 8 bytes, not text
        // the driver parses with a DateTimeFormatter (a tenth of the auth-service's
        // garbage per refresh); a uuid is 16 bytes, bytea raw instead of hex. Two reads
        // need a cast to text: jsonb read as a String would keep the binary format's
        // version byte, and the driver decodes an interval from text only.
        properties.put("spring.r2dbc.url", "r2dbc:postgresql://" + hostPort + "?schema=" + schema + "&connectTimeout="
                + connectTimeout + "&applicationName=edgeauth-" + schema + "&forceBinary=true");
        properties.put("spring.r2dbc.username", this.username);
        properties.put("spring.flyway.url",
                "jdbc:postgresql://" + hostPort + "?connectTimeout=" + Math.max(1, connectTimeout.toSeconds()));
        properties.put("spring.flyway.user", this.username);
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.create-schemas", "true");
        if (this.password != null) {
            properties.put("spring.r2dbc.password", this.password);
            properties.put("spring.flyway.password", this.password);
        }
        return properties;
    }

    /** The URI without the password, for logs. */
    public String describe() {
        return "postgresql://" + this.username + "@" + this.host + ":" + this.port + "/" + this.database;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("edgeauth.database.url (EDGEAUTH_DATABASE_URL) is invalid: " + why
                + "; expected postgresql://user[:password]@host[:port]/database");
    }

}
