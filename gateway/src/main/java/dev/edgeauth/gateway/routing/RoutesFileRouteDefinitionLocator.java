package dev.edgeauth.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;

import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;

/**
 * The routes of the routes file as Spring Cloud Gateway route definitions. It holds the
 * last valid set in memory; {@link RoutesFileWatcher} replaces it and asks the gateway to
 * refresh, so reading routes never touches the file system.
 */
final class RoutesFileRouteDefinitionLocator implements RouteDefinitionLocator {

    private final AtomicReference<List<RouteSpec>> routes;

    RoutesFileRouteDefinitionLocator(List<RouteSpec> initialRoutes) {
        this.routes = new AtomicReference<>(List.copyOf(initialRoutes));
    }

    @Override
    public Flux<RouteDefinition> getRouteDefinitions() {
        List<RouteSpec> current = this.routes.get();
        List<RouteDefinition> definitions = new ArrayList<>(current.size());
        for (int i = 0; i < current.size(); i++) {
            definitions.add(current.get(i).toDefinition(i));
        }
        return Flux.fromIterable(definitions);
    }

    List<RouteSpec> routes() {
        return this.routes.get();
    }

    void replace(List<RouteSpec> newRoutes) {
        this.routes.set(List.copyOf(newRoutes));
    }

}
