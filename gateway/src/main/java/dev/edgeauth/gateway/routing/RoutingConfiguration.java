package dev.edgeauth.gateway.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

/**
 * Routes from the routes file. A file that is missing or invalid at start-up stops the
 * start with a message naming {@code edgeauth.gateway.routes-file}; later, a bad edit is
 * refused and the running routes stay.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    static final String DEFAULT_ROUTES = "edgeauth/default-routes.yaml";

    private static final String PROPERTY_ROUTES = "spring.cloud.gateway.server.webflux.routes";

    private static final String PROPERTY_DISCOVERY = "spring.cloud.gateway.server.webflux.discovery.locator.enabled";

    @Bean
    RequestUrlFilter requestUrlFilter() {
        return new RequestUrlFilter();
    }

    @Bean
    RoutesFile routesFile(Environment environment, GatewayProperties properties) {
        return new RoutesFile(environment, properties.refusedRoutePorts());
    }

    @Bean
    RoutesFileRouteDefinitionLocator routesFileRouteDefinitionLocator(GatewayProperties properties, RoutesFile parser,
            Environment environment) {
        refuseRoutesInProperties(environment);
        return new RoutesFileRouteDefinitionLocator(parse(parser, properties.routesFile(), read(properties)));
    }

    @Bean
    @ConditionalOnExpression("!'${edgeauth.gateway.routes-file:}'.isBlank()")
    RoutesFileWatcher routesFileWatcher(GatewayProperties properties, RoutesFile parser,
            RoutesFileRouteDefinitionLocator locator, ApplicationEventPublisher events) {
        return new RoutesFileWatcher(Path.of(properties.routesFile()), read(properties),
                properties.routesCheckInterval(), parser, locator, events);
    }

    // Spring Cloud Gateway's own route sources are not read (system's
    // LeftOutGatewayBeans removes them): say so instead of ignoring them.
    private static void refuseRoutesInProperties(Environment environment) {
        Binder binder = Binder.get(environment);
        if (binder.bind(PROPERTY_ROUTES, Bindable.listOf(RouteDefinition.class)).isBound()) {
            throw new IllegalStateException(PROPERTY_ROUTES
                    + " is set, but routes come only from the routes file (edgeauth.gateway.routes-file, "
                    + "EDGEAUTH_ROUTES_FILE): move them there");
        }
        if (binder.bind(PROPERTY_DISCOVERY, Boolean.class).orElse(false)) {
            throw new IllegalStateException(PROPERTY_DISCOVERY
                    + " is true, but routes come only from the routes file (edgeauth.gateway.routes-file)");
        }
    }

    private static String read(GatewayProperties properties) {
        try {
            if (properties.routesFile().isBlank()) {
                return new ClassPathResource(DEFAULT_ROUTES).getContentAsString(StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(properties.routesFile()), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(
                    "edgeauth.gateway.routes-file (EDGEAUTH_ROUTES_FILE) cannot be read: " + properties.routesFile(),
                    ex);
        }
    }

    private static List<RouteSpec> parse(RoutesFile parser, String file, String content) {
        try {
            return parser.parse(content);
        }
        catch (RoutesFile.InvalidRoutesFileException ex) {
            throw new IllegalStateException("edgeauth.gateway.routes-file (EDGEAUTH_ROUTES_FILE) "
                    + (file.isBlank() ? DEFAULT_ROUTES : file) + " is invalid: " + ex.getMessage());
        }
    }

}
