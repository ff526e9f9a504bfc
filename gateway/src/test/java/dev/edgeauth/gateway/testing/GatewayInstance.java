package dev.edgeauth.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.edgeauth.gateway.GatewayApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * A whole gateway started in the test JVM, for tests that need more than one (shared
 * limits) or their own settings. Its auth-service URLs point at a closed port: such tests
 * use public routes.
 */
public final class GatewayInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ConfigurableApplicationContext context;

    private GatewayInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts a gateway with this routes file content and extra properties.
     * @param routes the routes file
     * @param properties more properties
     * @return the running gateway
     */
    public static GatewayInstance start(String routes, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        String closed = "http://127.0.0.1:" + GatewayTestSupport.closedPort();
        all.put("server.port", 0);
        all.put("management.server.port", 0);
        all.put("edgeauth.gateway.routes-file", GatewayTestSupport.newRoutesFile(routes).toString());
        all.put("edgeauth.gateway.jwks.uri", closed + "/.well-known/jwks.json");
        all.put("edgeauth.gateway.revocation.url", closed);
        all.putAll(properties);
        // As command-line arguments: they win over application.yaml (builder properties
        // are only defaults).
        String[] args = all.entrySet()
            .stream()
            .map((e) -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
        return new GatewayInstance(
                new SpringApplicationBuilder(GatewayApplication.class).initializers(GatewayInstance::ownNettyResources)
                    .run(args));
    }

    // Closing a context that uses Reactor Netty's global resources disposes them, and
    // with
    // them every other server of the test JVM (the shared test gateway, the fixtures).
    private static void ownNettyResources(ConfigurableApplicationContext context) {
        ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        });
    }

    public int port() {
        return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public int managementPort() {
        return this.context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

    public <T> T bean(Class<T> type) {
        return this.context.getBean(type);
    }

    /**
     * {@code GET path} with the JDK's HTTP client, on the calling (test) thread.
     * @param path the request target
     * @return the response
     */
    public HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
            .timeout(Duration.ofSeconds(15))
            .GET()
            .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        this.context.close();
    }

}
