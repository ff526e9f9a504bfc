package dev.edgeauth.auth.revocation;

import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Puts the feed's routes on the management port ({@code EDGEAUTH_AUTH_MANAGEMENT_PORT},
 * default 9100), never on the public one.
 *
 * <p>
 * Spring Boot builds the management server as a child context from the classes listed in
 * {@code META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports}.
 * This class is listed there and deliberately carries no {@code @Configuration} (nor
 * {@code @ManagementContextConfiguration}, which is one): component scanning of the
 * application's packages would otherwise also put the routes on the public port.
 * Unannotated, the import selector treats it as "any" management context: the child one
 * when the management port differs (the default), the main one only when an operator sets
 * both ports equal.
 */
public class RevocationFeedEndpoints {

    @Bean
    RouterFunction<ServerResponse> revocationFeedRoutes(RevocationFeed feed) {
        RevocationFeedHandler handler = new RevocationFeedHandler(feed);
        return RouterFunctions.route()
            .GET("/internal/revocations", handler::page)
            .GET("/internal/revocations/stream", handler::stream)
            .build();
    }

}
