package dev.edgeauth.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionRepository;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The routes of the routes file as Spring Cloud Gateway route definitions: the gateway's
 * only route store. It holds the last valid set in memory; {@link RoutesFileWatcher}
 * replaces it and asks the gateway to refresh, so reading routes never touches the file
 * system.
 *
 * <p>
 * It is the context's {@link RouteDefinitionRepository}, so Spring Cloud Gateway creates
 * no in-memory store of its own, and it refuses every write: the actuator's
 * {@code POST}/{@code DELETE /actuator/gateway/routes/...} can never add a route beside
 * the file's (they are answered 405 before they get here: {@link RouteWritesRefusal}).
 */
final class RoutesFileRouteDefinitionLocator implements RouteDefinitionRepository {

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

    @Override
    public Mono<Void> save(Mono<RouteDefinition> route) {
        return readOnly();
    }

    @Override
    public Mono<Void> delete(Mono<String> routeId) {
        return readOnly();
    }

    List<RouteSpec> routes() {
        return this.routes.get();
    }

    void replace(List<RouteSpec> newRoutes) {
        this.routes.set(List.copyOf(newRoutes));
    }

    private static Mono<Void> readOnly() {
        return Mono.error(new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED,
                "Routes come only from the routes file (edgeauth.gateway.routes-file)"));
    }

}
