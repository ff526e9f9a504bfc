package dev.edgeauth.gateway.identity;

import java.util.List;
import java.util.UUID;

import dev.edgeauth.gateway.testing.GatewayTestSupport;
import dev.edgeauth.gateway.testing.RawHttp;
import dev.edgeauth.gateway.testing.RecordingBackend.RecordedRequest;
import dev.edgeauth.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's "Identity forwarded to backends", as the recording backend sees it.
 */
class IdentityHeadersTests extends GatewayTestSupport {

    private static final String[] SPOOFED = { "X-User-Id: 00000000-0000-0000-0000-000000000001",
            "x-user-id: 00000000-0000-0000-0000-000000000002", "X-USER-ID: 00000000-0000-0000-0000-000000000003",
            "x-UsEr-Id: 00000000-0000-0000-0000-000000000004", "X_User_Id: 00000000-0000-0000-0000-000000000005",
            "X-User-Roles: admin", "x-user-roles: admin", "X-USER-ROLES: admin,user", "X-Session-Id: stolen",
            "x-session-id: stolen", "X-SESSION-ID: stolen", "X-User-Email: ceo@example.com", "x-user-anything: 1",
            "X-Forwarded-For: 203.0.113.7", "x-forwarded-for: 198.51.100.1", "X-Forwarded-Host: evil.example",
            "Forwarded: for=203.0.113.7" };

    @Test
    void requestWhenAuthenticatedThenBackendGetsIdentityFromTokenOnly() {
        TestTokens token = TestTokens.valid(KEY).claim("roles", List.of("user", "admin"));
        String[] lines = withAuthorization(token.sign(), SPOOFED);

        assertThat(RawHttp.get(this.port, "/api/tasks", lines)).isEqualTo(200);

        RecordedRequest received = onlyRequest();
        assertThat(received.values("X-User-Id")).containsExactly(token.claimValue("sub").toString());
        assertThat(received.values("X-User-Roles")).containsExactly("user,admin");
        assertThat(received.values("X-Session-Id")).containsExactly(token.claimValue("sid").toString());
        assertThat(received.namesMatching((name) -> name.replace('_', '-').startsWith("x-user-")))
            .containsExactlyInAnyOrder("X-User-Id", "X-User-Roles");
        assertThat(received.values("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(received.values("X-Forwarded-Host")).isEmpty();
        assertThat(received.values("Forwarded")).isEmpty();
    }

    @Test
    void headerFiltersWhenStartedThenGatewayFiltersReplaceSpringCloudGatewayStrippers(
            @Autowired List<HttpHeadersFilter> headerFilters) {
        assertThat(headerFilters).noneMatch((filter) -> filter instanceof RemoveForwardedHeadersFilter
                || filter instanceof RemoveXForwardedHeadersFilter || filter instanceof RemoveHopByHopHeadersFilter);
        assertThat(headerFilters).filteredOn(IdentityHeadersFilter.class::isInstance).hasSize(1);
        assertThat(headerFilters).filteredOn(BackendResponseHeadersFilter.class::isInstance).hasSize(1);
    }

    @Test
    void requestWhenHopByHopHeadersSentThenBackendGetsNone() {
        assertThat(RawHttp.get(this.port, "/public/hello", "Keep-Alive: timeout=5", "TE: trailers",
                "Trailer: X-Checksum", "Upgrade: h2c", "Proxy-Authorization: Basic c2VjcmV0",
                "Connection: keep-alive, X-Client-Private", "X-Client-Private: secret", "X-Client-Public: ok"))
            .isEqualTo(200);

        RecordedRequest received = onlyRequest();
        for (String name : List.of("Keep-Alive", "TE", "Trailer", "Upgrade", "Proxy-Authorization",
                "X-Client-Private")) {
            assertThat(received.values(name)).as(name).isEmpty();
        }
        assertThat(received.values("X-Client-Public")).containsExactly("ok");
    }

    @Test
    void responseWhenBackendSendsHopByHopHeadersThenClientGetsNone() {
        this.client.get()
            .uri("/public/hop-by-hop")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .doesNotExist("Keep-Alive")
            .expectHeader()
            .doesNotExist("Proxy-Authenticate")
            .expectHeader()
            .doesNotExist("X-Backend-Private")
            .expectHeader()
            .valueEquals("X-Backend-Public", "ok");
    }

    @Test
    void requestWhenPublicRouteThenClientIdentityHeadersRemovedAndNoneSet() {
        assertThat(RawHttp.get(this.port, "/public/hello", SPOOFED)).isEqualTo(200);

        RecordedRequest received = onlyRequest();
        assertThat(received.namesMatching((name) -> name.replace('_', '-').startsWith("x-user-")
                || name.replace('_', '-').equals("x-session-id")))
            .isEmpty();
        assertThat(received.values("X-Forwarded-For")).containsExactly("127.0.0.1");
    }

    @Test
    void requestWhenConnectionNamesForwardedHeadersThenBackendStillGetsThem() {
        TestTokens token = TestTokens.valid(KEY);
        String[] lines = withAuthorization(token.sign(),
                "Connection: keep-alive, X-User-Id, x-user-roles, X-Session-Id, X-Request-Id, X-Forwarded-For",
                "connection: X-USER-ID", "X-Request-Id: trace-123");

        assertThat(RawHttp.get(this.port, "/api/tasks", lines)).isEqualTo(200);

        RecordedRequest received = onlyRequest();
        assertThat(received.values("X-User-Id")).containsExactly(token.claimValue("sub").toString());
        assertThat(received.values("X-User-Roles")).containsExactly("user");
        assertThat(received.values("X-Session-Id")).containsExactly(token.claimValue("sid").toString());
        assertThat(received.values("X-Request-Id")).containsExactly("trace-123");
        assertThat(received.values("X-Forwarded-For")).containsExactly("127.0.0.1");
    }

    @Test
    void requestWhenRequestIdIsSafeThenPassedOnElseReplaced() {
        RawHttp.get(this.port, "/public/a", "X-Request-Id: abc-123.x:y");
        RawHttp.get(this.port, "/public/b", "X-Request-Id: <script>");

        assertThat(BACKEND.requestsTo("/public/a").get(0).values("X-Request-Id")).containsExactly("abc-123.x:y");
        assertThat(BACKEND.requestsTo("/public/b").get(0).values("X-Request-Id")).singleElement()
            .asString()
            .matches("[0-9a-f]{32}");
    }

    @Test
    void requestWhenTokenRequiredRouteThenAuthorizationNotForwarded() {
        assertThat(RawHttp.get(this.port, "/api/tasks", "Authorization: " + bearer(TestTokens.valid(KEY).sign())))
            .isEqualTo(200);

        assertThat(onlyRequest().values("Authorization")).isEmpty();
    }

    @Test
    void requestWhenRouteForwardsAuthorizationThenBackendGetsIt() {
        String token = TestTokens.valid(KEY).sign();

        assertThat(RawHttp.get(this.port, "/auth/me", "Authorization: " + bearer(token))).isEqualTo(200);

        RecordedRequest received = onlyRequest();
        assertThat(received.values("Authorization")).containsExactly(bearer(token));
        // A public route does not authenticate, so it forwards no identity.
        assertThat(received.values("X-User-Id")).isEmpty();
    }

    @Test
    void requestWhenSubjectHasUpperCaseThenForwardedCanonical() {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.valid(KEY).claim("sub", subject.toUpperCase()).sign();

        RawHttp.get(this.port, "/api/tasks", "Authorization: " + bearer(token));

        assertThat(onlyRequest().values("X-User-Id")).containsExactly(subject);
    }

    private static RecordedRequest onlyRequest() {
        assertThat(BACKEND.requests()).hasSize(1);
        return BACKEND.requests().get(0);
    }

    private static String[] withAuthorization(String token, String... lines) {
        String[] all = new String[lines.length + 1];
        all[0] = "Authorization: " + bearer(token);
        System.arraycopy(lines, 0, all, 1, lines.length);
        return all;
    }

}
