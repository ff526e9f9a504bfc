package dev.edgeauth.gateway.routing;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The routes file format and its refusals.
 */
class RoutesFileTests {

    private static final Set<Integer> MANAGEMENT_PORTS = Set.of(8180, 9100, 8181);

    private final RoutesFile parser = new RoutesFile(
            new MockEnvironment().withProperty("edgeauth.gateway.task-url", "http://localhost:8081"), MANAGEMENT_PORTS);

    @Test
    void parseWhenDefaultRoutesThenAuthPublicAndApiProtected() throws Exception {
        String yaml = new org.springframework.core.io.ClassPathResource(RoutingConfiguration.DEFAULT_ROUTES)
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        List<RouteSpec> routes = new RoutesFile(
                new MockEnvironment().withProperty("edgeauth.gateway.auth-url", "http://localhost:9000")
                    .withProperty("edgeauth.gateway.task-url", "http://localhost:8081"),
                MANAGEMENT_PORTS)
            .parse(yaml);

        assertThat(routes).extracting(RouteSpec::id)
            .containsExactly("auth-signup", "auth-login", "auth-refresh", "auth-password", "auth", "well-known", "api");
        assertThat(routes).filteredOn(RouteSpec::tokenRequired)
            .extracting(RouteSpec::id)
            .containsExactly("auth-password", "api");
        assertThat(routes.get(6).uri()).hasToString("http://localhost:8081");
        assertThat(routes.get(1).rateLimitPolicies()).extracting(RateLimitPolicy::name).containsExactly("login");
        RouteSpec password = routes.get(3);
        assertThat(password.forwardAuthorization()).isTrue();
        assertThat(password.rateLimitPolicies()).containsExactly(RateLimitPolicy.DEFAULTS.get("password"));
        assertThat(password.rateLimitPolicies().get(0).limit()).isEqualTo(5);
        assertThat(password.rateLimitPolicies().get(0).period()).hasSeconds(60);
        assertThat(password.rateLimitPolicies().get(0).key()).isEqualTo(RateLimitPolicy.Key.USER);
        // Forged tokens cost a signature check each: 200 a second per IP before one is
        // made.
        assertThat(routes.get(6).rateLimitPolicies()).containsExactly(RateLimitPolicy.DEFAULTS.get("api-ip"),
                RateLimitPolicy.DEFAULTS.get("api"));
        assertThat(RateLimitPolicy.DEFAULTS.get("api-ip"))
            .isEqualTo(new RateLimitPolicy("api-ip", 200, java.time.Duration.ofSeconds(1), RateLimitPolicy.Key.IP,
                    RateLimitPolicy.Backend.LOCAL, RateLimitPolicy.RedisFailureMode.LOCAL));
    }

    @Test
    void parseWhenUriPointsAtManagementPortThenRefusedOnAnyHost() {
        for (String uri : List.of("http://127.0.0.1:9100", "http://localhost:8180", "http://[::1]:8181",
                "https://auth.internal:9100")) {
            assertThatExceptionOfType(RoutesFile.InvalidRoutesFileException.class)
                .isThrownBy(() -> this.parser.parse("routes:\n  - id: a\n    paths: [/a/**]\n    uri: " + uri + "\n"))
                .withMessageContaining("route 'a'")
                .withMessageContaining("management port");
        }
    }

    @Test
    void parseWhenDefaultPortIsManagementPortThenRefused() {
        RoutesFile parser = new RoutesFile(new MockEnvironment(), Set.of(443));
        assertThatExceptionOfType(RoutesFile.InvalidRoutesFileException.class)
            .isThrownBy(() -> parser.parse("routes:\n  - id: a\n    paths: [/a/**]\n    uri: https://x\n"))
            .withMessageContaining("management port 443");
    }

    @Test
    void parseWhenUriPointsAtOtherPortThenAccepted() {
        assertThat(this.parser.parse("routes:\n  - id: a\n    paths: [/a/**]\n    uri: http://127.0.0.1:9000\n"))
            .extracting(RouteSpec::id)
            .containsExactly("a");
    }

    @Test
    void parseWhenTokenRequiredOmittedThenRequired() {
        assertThat(this.parser.parse(route("")).get(0).tokenRequired()).isTrue();
    }

    @Test
    void parseWhenKeyMisspeltThenRefusedNamingIt() {
        assertThatExceptionOfType(RoutesFile.InvalidRoutesFileException.class)
            .isThrownBy(() -> this.parser.parse(route("    token-requird: false\n")))
            .withMessageContaining("routes[0]: unknown key 'token-requird'")
            .withMessageContaining("token-required")
            .withMessageContaining("(line 5)");
    }

    @Test
    void parseWhenValueOfTheWrongTypeThenRefusedNamingItsPlaceAndLine() {
        assertThatExceptionOfType(RoutesFile.InvalidRoutesFileException.class)
            .isThrownBy(() -> this.parser
                .parse("routes:\n  - id: a\n    paths: [/a/**]\n    token-required: maybe\n    uri: http://x\n"))
            .withMessage("routes[0].token-required has the wrong type: must be true or false (line 4)");
    }

    @Test
    void parseWhenKeyGivenTwiceThenRefused() {
        assertThatExceptionOfType(RoutesFile.InvalidRoutesFileException.class)
            .isThrownBy(() -> this.parser.parse(route("    token-required: false\n    token-required: true\n")))
            .withMessageContaining("token-required");
    }

    @Test
    void parseWhenPlaceholderUnresolvableThenRefused() {
        assertThatExceptionOfType(RoutesFile.InvalidRoutesFileException.class)
            .isThrownBy(() -> this.parser.parse("routes:\n  - id: a\n    paths: [/a/**]\n    uri: ${nowhere.url}\n"))
            .withMessageContaining("route 'a'");
    }

    @Test
    void parseWhenMistakesThenRefused() {
        for (String yaml : List.of("", "routes: []", "routes: {}", "rutes:\n  - id: a\n",
                "routes:\n  - id: a\n    paths: [/a/**]\n    uri: ftp://x\n",
                "routes:\n  - id: a\n    paths: [a/**]\n    uri: http://x\n",
                "routes:\n  - id: a\n    paths: [/a/**]\n    uri: http://x\n    token-required: maybe\n",
                "routes:\n  - id: A!\n    paths: [/a/**]\n    uri: http://x\n", route("") + route("").substring(8),
                "routes:\n  - id: a\n    paths: [/a/**]\n    uri: http://x\n    response-timeout: soon\n",
                "routes: [unclosed")) {
            assertThatExceptionOfType(RoutesFile.InvalidRoutesFileException.class).as(yaml)
                .isThrownBy(() -> this.parser.parse(yaml));
        }
    }

    @Test
    void parseWhenTaskPlaceholderThenResolved() {
        assertThat(this.parser.parse("routes:\n  - id: a\n    paths: [/a/**]\n    uri: ${edgeauth.gateway.task-url}\n")
            .get(0)
            .uri()).hasToString("http://localhost:8081");
    }

    @Test
    void parseWhenPolicyDeclaredThenRouteCarriesIt() {
        RateLimitPolicy policy = this.parser.parse("""
                rate-limit-policies:
                  - name: login
                    limit: 5
                    period: 2m
                    key: ip
                    backend: redis
                    redis-failure-mode: closed
                """ + route("    token-required: false\n    rate-limit-policy: login\n"))
            .get(0)
            .rateLimitPolicies()
            .get(0);

        assertThat(policy).isEqualTo(new RateLimitPolicy("login", 5, java.time.Duration.ofMinutes(2),
                RateLimitPolicy.Key.IP, RateLimitPolicy.Backend.REDIS, RateLimitPolicy.RedisFailureMode.CLOSED));
    }

    @Test
    void parseWhenPolicyNotDeclaredThenContractDefault() {
        List<RateLimitPolicy> policies = this.parser.parse(route("    rate-limit-policy: api\n"))
            .get(0)
            .rateLimitPolicies();

        assertThat(policies).containsExactly(RateLimitPolicy.DEFAULTS.get("api"));
    }

    @Test
    void parseWhenRouteNamesSeveralPoliciesThenKeptInTheFilesOrder() {
        List<RateLimitPolicy> policies = this.parser.parse(route("    rate-limit-policies: [api-ip, login, api]\n"))
            .get(0)
            .rateLimitPolicies();

        assertThat(policies).extracting(RateLimitPolicy::name).containsExactly("api-ip", "login", "api");
    }

    @Test
    void parseWhenPolicyMistakesThenRefusedNamingThem() {
        String policies = "rate-limit-policies:\n  - name: p\n    limit: 5\n    period: 60s\n    key: ip\n";
        for (String[] mistake : new String[][] {
                { route("    rate-limit-policy: nowhere\n"), "undeclared policy 'nowhere'" },
                { route("    token-required: false\n    rate-limit-policy: api\n"), "needs 'token-required: true'" },
                { route("    token-required: false\n    rate-limit-policies: [api-ip, api]\n"),
                        "needs 'token-required: true'" },
                { route("    rate-limit-policy: api\n    rate-limit-policies: [api]\n"), "not both" },
                { route("    rate-limit-policies: [api, api-ip]\n"), "must come before the per-user ones" },
                { route("    rate-limit-policies: [api, api]\n"), "named twice" },
                { route("    rate-limit-policies: []\n"), "list of 1 to 8" },
                { route("    rate-limit-policies: api\n"),
                        "routes[0].rate-limit-policies has the wrong type: must be a list" },
                { route("    rate-limit-policies: [api-ip, 7]\n"),
                        "routes[0].rate-limit-policies[1] has the wrong type: must be text" },
                { policies.replace("60s", "1500ms") + route(""), "'period'" },
                { policies.replace("limit: 5", "limit: 0") + route(""), "'limit'" },
                { policies.replace("key: ip", "key: host") + route(""), "'key'" },
                { policies + "    redis-failure-mode: closed\n" + route(""), "'redis-failure-mode'" },
                { policies + "    burst: 3\n" + route(""), "burst" },
                { policies + policies.substring("rate-limit-policies:\n".length()) + route(""), "declared twice" } }) {
            assertThatExceptionOfType(RoutesFile.InvalidRoutesFileException.class).as(mistake[0])
                .isThrownBy(() -> this.parser.parse(mistake[0]))
                .withMessageContaining(mistake[1]);
        }
    }

    private static String route(String extra) {
        return "routes:\n  - id: a\n    paths: [/a/**]\n    uri: http://127.0.0.1:1\n" + extra;
    }

}
