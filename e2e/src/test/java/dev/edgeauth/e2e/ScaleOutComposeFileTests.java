package dev.edgeauth.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compose.scale-out.yaml} is the topology of specs/operations.md ("Scale-out"),
 * read as YAML (no Docker needed): HAProxy is the only service that publishes a port, and
 * only its public one; it runs the repository's {@code haproxy/haproxy.cfg} with every
 * address that file reads; instances of a kind share every setting (what they must agree
 * on: database, KEK, issuer, audience, feed token, Redis and its key prefix); each drains
 * on stop within its grace period; the proxies each side believes are the right
 * addresses; every secret stops the start when missing.
 */
class ScaleOutComposeFileTests {

    private static final Pattern LB_VARIABLE = Pattern.compile("\\$\\{(EDGEAUTH_LB_[A-Z0-9_]+)}");

    private static final List<String> SECRETS = List.of("EDGEAUTH_OPERATOR_TOKEN", "EDGEAUTH_GATEWAY_OPERATOR_TOKEN",
            "EDGEAUTH_FEED_TOKEN", "EDGEAUTH_KEK", "POSTGRES_PASSWORD");

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)}");

    private final Map<String, Object> compose = ComposeYaml.read(Path.of("..", "compose.scale-out.yaml"));

    @Test
    void servicesWhenReadThenTheTopologyOfTheSpecs() {
        assertThat(services()).containsOnlyKeys("postgres", "redis", "task-service", "auth-service-1", "auth-service-2",
                "gateway-1", "gateway-2", "haproxy");
    }

    @Test
    void portsWhenPublishedThenOnlyHaproxysPublicPort() {
        services().forEach((name, service) -> assertThat(ComposeYaml.map(service).get("ports")).as(name + " publishes")
            .isEqualTo(name.equals("haproxy") ? List.of("8080:8080") : null));
        assertThat(environment("haproxy")).containsEntry("EDGEAUTH_LB_PUBLIC", ":8080");
    }

    @Test
    void haproxyWhenStartedThenRunsTheRepositorysConfigurationWithEveryAddressItReads() throws IOException {
        assertThat(ComposeYaml.strings(service("haproxy").get("volumes")))
            .contains("./haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
        Set<String> read = new TreeSet<>();
        Matcher matcher = LB_VARIABLE.matcher(Files.readString(Path.of("..", "haproxy", "haproxy.cfg")));
        while (matcher.find()) {
            read.add(matcher.group(1));
        }
        assertThat(read).hasSizeGreaterThan(10);
        assertThat(environment("haproxy").keySet()).as("set for haproxy").containsAll(read);
    }

    @Test
    void instancesWhenComparedThenEachKindSharesEverySetting() {
        assertThat(environment("auth-service-1")).isEqualTo(environment("auth-service-2"))
            .containsKeys("EDGEAUTH_DATABASE_URL", "EDGEAUTH_KEK", "EDGEAUTH_ISSUER", "EDGEAUTH_AUDIENCE",
                    "EDGEAUTH_FEED_TOKEN", "EDGEAUTH_ACCESS_TTL");
        assertThat(environment("gateway-1")).isEqualTo(environment("gateway-2"))
            .containsKeys("EDGEAUTH_ISSUER", "EDGEAUTH_AUDIENCE", "EDGEAUTH_FEED_TOKEN", "EDGEAUTH_REDIS_URL",
                    "EDGEAUTH_REDIS_KEY_PREFIX", "EDGEAUTH_ACCESS_TTL");
        assertThat(environment("gateway-1")).containsEntry("EDGEAUTH_AUTH_URL", "http://haproxy:9000")
            .containsEntry("EDGEAUTH_AUTH_INTERNAL_URL", "http://haproxy:9100");
        for (String setting : List.of("EDGEAUTH_ISSUER", "EDGEAUTH_AUDIENCE", "EDGEAUTH_FEED_TOKEN",
                "EDGEAUTH_ACCESS_TTL")) {
            assertThat(environment("gateway-1").get(setting)).as(setting)
                .isEqualTo(environment("auth-service-1").get(setting));
        }
    }

    @Test
    void instancesWhenStoppedThenDrainWithinTheirGracePeriodAndAreCheckedOnReadiness() {
        for (String name : List.of("auth-service-1", "auth-service-2", "gateway-1", "gateway-2")) {
            assertThat(environment(name)).as(name).containsEntry("EDGEAUTH_SHUTDOWN_DRAIN", "3s");
            // The drain, then up to 20 s of graceful shutdown.
            assertThat(seconds(String.valueOf(service(name).get("stop_grace_period")))).as(name).isGreaterThan(23);
            Map<String, Object> healthcheck = ComposeYaml.map(service(name).get("healthcheck"));
            assertThat(String.join(" ", ComposeYaml.strings(healthcheck.get("test")))).as(name)
                .contains("/actuator/health/readiness");
        }
    }

    @Test
    void proxiesWhenBelievedThenTheirAddressesAlone() {
        String haproxy = address("haproxy");
        assertThat(environment("gateway-1")).containsEntry("EDGEAUTH_GATEWAY_TRUSTED_PROXIES", haproxy);
        assertThat(environment("auth-service-1")).containsEntry("EDGEAUTH_BACKEND_TRUSTED_PROXIES", haproxy);
        assertThat(environment("task-service")).containsEntry("EDGEAUTH_BACKEND_TRUSTED_PROXIES",
                address("gateway-1") + "," + address("gateway-2"));
    }

    @Test
    void secretsWhenReadThenEachStopsTheStartWhenMissing() {
        Set<String> found = new TreeSet<>();
        for (String text : ComposeYaml.strings(this.compose)) {
            Matcher matcher = INTERPOLATION.matcher(text);
            while (matcher.find()) {
                if (SECRETS.contains(matcher.group(1))) {
                    found.add(matcher.group(1));
                    assertThat(matcher.group(2)).as(matcher.group(1)).startsWith(":?").contains("openssl rand");
                }
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(SECRETS);
    }

    private String address(String name) {
        Map<String, Object> networks = ComposeYaml.map(service(name).get("networks"));
        return String.valueOf(ComposeYaml.map(networks.get("backend")).get("ipv4_address"));
    }

    private static int seconds(String duration) {
        assertThat(duration).matches("[0-9]+s");
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }

    private Map<String, Object> services() {
        return ComposeYaml.map(this.compose.get("services"));
    }

    private Map<String, Object> service(String name) {
        assertThat(services()).containsKey(name);
        return ComposeYaml.map(services().get(name));
    }

    private Map<String, String> environment(String name) {
        Map<String, String> variables = new LinkedHashMap<>();
        ComposeYaml.map(service(name).get("environment"))
            .forEach((key, value) -> variables.put(key, String.valueOf(value)));
        return variables;
    }

}
