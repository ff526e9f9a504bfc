package dev.edgeauth.taskservice.identity;

import java.util.UUID;

import dev.edgeauth.common.testing.CapturedLogEvents;
import dev.edgeauth.common.testing.WholeResponseConnector;
import dev.edgeauth.taskservice.TaskServiceApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forwarded identity is believed only from a trusted proxy (the gateway): the same
 * request, from the same loopback client, is served or refused by the trusted-proxy
 * setting alone.
 */
class TrustedProxyTests {

    private static final String USER = UUID.randomUUID().toString();

    @Test
    void requestWhenPeerIsTrustedProxyThenIdentityBelieved() {
        try (ConfigurableApplicationContext service = start("127.0.0.1/32")) {
            client(service).get().uri("/api/tasks").exchange().expectStatus().isOk();
        }
    }

    @Test
    void requestWhenPeerIsNotTrustedProxyThenUnauthorizedAsIfNoIdentityAndLogged() {
        try (ConfigurableApplicationContext service = start("127.0.0.2/32");
                CapturedLogEvents log = CapturedLogEvents.of(ForwardedIdentityArgumentResolver.class)) {
            client(service).get()
                .uri("/api/tasks")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_token")
                .jsonPath("$.detail")
                .isEqualTo("Authentication required");
            assertThat(log.reasonIds()).containsExactly("forwarded_identity_untrusted_peer");
        }
    }

    private static ConfigurableApplicationContext start(String trustedProxies) {
        return new SpringApplicationBuilder(TaskServiceApplication.class).run("--server.port=0",
                "--management.server.port=0", "--edgeauth.client-address.trusted-proxies=" + trustedProxies);
    }

    private static WebTestClient client(ConfigurableApplicationContext service) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return WholeResponseConnector.bindToServer("http://127.0.0.1:" + port)
            .defaultHeader("X-User-Id", USER)
            .defaultHeader("X-User-Roles", "user,admin")
            .defaultHeader("X-Session-Id", UUID.randomUUID().toString())
            .build();
    }

}
