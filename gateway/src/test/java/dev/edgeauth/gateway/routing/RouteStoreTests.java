package dev.edgeauth.gateway.routing;

import java.util.Map;

import dev.edgeauth.common.testing.WholeResponseConnector;
import dev.edgeauth.gateway.testing.GatewayInstance;
import dev.edgeauth.gateway.testing.GatewayTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.route.CompositeRouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteDefinitionWriter;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Routes come only from the routes file: the actuator reads them but never writes one,
 * and no other route store exists.
 */
class RouteStoreTests extends GatewayTestSupport {

    // What an attacker on the management port posted: a public route to the
    // auth-service's management port.
    private static final String HOSTILE_ROUTE = """
            {"id":"x","uri":"http://127.0.0.1:%d","predicates":[{"name":"Path","args":{"pattern":"/x/**"}}],
             "metadata":{"edgeauth.token-required":false}}""";

    @Autowired
    private ApplicationContext context;

    private WebTestClient management;

    @BeforeEach
    void bindManagement() {
        this.management = WholeResponseConnector.bindToServer("http://127.0.0.1:" + this.managementPort).build();
    }

    @Test
    void routeDefinitionSourcesWhenListedThenOnlyTheRoutesFile() {
        Map<String, RouteDefinitionLocator> locators = this.context.getBeansOfType(RouteDefinitionLocator.class);
        assertThat(locators.values()).filteredOn((locator) -> !(locator instanceof CompositeRouteDefinitionLocator))
            .singleElement()
            .isInstanceOf(RoutesFileRouteDefinitionLocator.class);
        assertThat(this.context.getBeansOfType(RouteDefinitionWriter.class).values()).singleElement()
            .isInstanceOf(RoutesFileRouteDefinitionLocator.class);
    }

    @Test
    void actuatorWhenRoutePostedThenMethodNotAllowedAndPublicPortStillNotFoundAfterRefresh() {
        this.management.post()
            .uri("/actuator/gateway/routes/x")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(HOSTILE_ROUTE.formatted(BACKEND.port()))
            .exchange()
            .expectStatus()
            .isEqualTo(405)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectHeader()
            .valueEquals(HttpHeaders.ALLOW, "GET")
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("method_not_allowed");

        this.management.post().uri("/actuator/gateway/refresh").exchange().expectStatus().isOk();

        this.client.get().uri("/x/actuator/admins").exchange().expectStatus().isNotFound();
        this.management.get().uri("/actuator/gateway/routes/x").exchange().expectStatus().isNotFound();
        assertThat(BACKEND.requestsTo("/x/actuator/admins")).isEmpty();
    }

    @Test
    void actuatorWhenRoutesPostedInBulkThenMethodNotAllowed() {
        this.management.post()
            .uri("/actuator/gateway/routes")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("[" + HOSTILE_ROUTE.formatted(BACKEND.port()) + "]")
            .exchange()
            .expectStatus()
            .isEqualTo(405);
        this.management.post().uri("/actuator/gateway/refresh").exchange().expectStatus().isOk();

        this.client.get().uri("/x/anything").exchange().expectStatus().isNotFound();
    }

    @Test
    void actuatorWhenRouteDeletedThenMethodNotAllowedAndRouteStays() {
        this.management.delete().uri("/actuator/gateway/routes/public").exchange().expectStatus().isEqualTo(405);
        this.management.post().uri("/actuator/gateway/refresh").exchange().expectStatus().isOk();

        this.client.get().uri("/public/x").exchange().expectStatus().isOk();
    }

    @Test
    void startWhenRoutesInSpringCloudGatewayPropertiesThenRefusedPointingAtTheRoutesFile() {
        assertThatExceptionOfType(Exception.class).isThrownBy(
                () -> GatewayInstance
                    .start(standardRoutes(),
                            Map.of("spring.cloud.gateway.server.webflux.routes[0].id", "x",
                                    "spring.cloud.gateway.server.webflux.routes[0].uri", "http://127.0.0.1:9100"))
                    .close())
            .havingRootCause()
            .withMessageContaining("routes come only from the routes file");
    }

    @Test
    void startWhenDiscoveryLocatorEnabledThenRefused() {
        assertThatExceptionOfType(Exception.class)
            .isThrownBy(() -> GatewayInstance
                .start(standardRoutes(), Map.of("spring.cloud.gateway.server.webflux.discovery.locator.enabled", true))
                .close())
            .havingRootCause()
            .withMessageContaining("routes come only from the routes file");
    }

    @Test
    void actuatorWhenRoutesReadThenTheFilesRoutes() {
        this.management.get()
            .uri("/actuator/gateway/routes/public")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.route_id")
            .isEqualTo("public");
    }

}
