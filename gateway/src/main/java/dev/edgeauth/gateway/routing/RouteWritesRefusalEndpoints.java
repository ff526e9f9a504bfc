package dev.edgeauth.gateway.routing;

import dev.edgeauth.common.problem.ProblemResponseWriter;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.context.annotation.Bean;

/**
 * Puts {@link RouteWritesRefusal} in the management server's context, where the
 * actuator's gateway endpoint lives. Listed in
 * {@code META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports}
 * and deliberately unannotated, so component scanning never puts it in the main context
 * (the same arrangement as the auth-service's revocation feed endpoints).
 */
public class RouteWritesRefusalEndpoints {

    @Bean
    RouteWritesRefusal routeWritesRefusal(WebEndpointProperties endpoints, ProblemResponseWriter problems) {
        return new RouteWritesRefusal(endpoints.getBasePath(), problems);
    }

}
