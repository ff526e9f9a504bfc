package dev.edgeauth.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compose.yaml} keeps what the README promises for it, read as YAML (no Docker
 * needed): every service the README names is there; every {@code EDGEAUTH_*} variable it
 * sets or interpolates is one the README's configuration table documents; no management
 * port is published, and only the gateway's public port is; each of our services is
 * healthy only when the readiness endpoint on its management port says so; each service
 * waits for what it needs to be healthy; and every secret comes from the environment as
 * {@code ${NAME:?how to make one}}, so a missing one stops {@code docker compose up} and
 * no value is ever written in the file. Management and public ports are read from each
 * module's {@code application.yaml}, as the service itself reads them, unless the compose
 * file sets the variable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeFileTests {

    // The README's "Containers" passage names these.
    private static final List<String> SERVICES = List.of("postgres", "redis", "task-service", "auth-service",
            "gateway");

    // Ours: each is a module of the same name, with its application.yaml and jvm.options.
    private static final List<String> OUR_SERVICES = List.of("task-service", "auth-service", "gateway");

    private static final List<String> SECRETS = List.of("EDGEAUTH_OPERATOR_TOKEN", "EDGEAUTH_FEED_TOKEN",
            "EDGEAUTH_KEK", "POSTGRES_PASSWORD");

    private static final Pattern VARIABLE = Pattern.compile("EDGEAUTH_[A-Z0-9_]+");

    // Compose's interpolation: "$$" is a literal "$" (the container's shell reads what
    // follows), "${NAME<modifier>}" and "$NAME" are substituted.
    private static final Pattern INTERPOLATION = Pattern
        .compile("\\$(?:\\$|\\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    // A Spring placeholder with a default, as the modules' application.yaml set ports.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}");

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private Map<String, Object> compose;

    private final Map<String, String> documented = new LinkedHashMap<>();

    @BeforeAll
    void read() throws IOException {
        this.compose = ComposeYaml.read(Path.of("..", "compose.yaml"));
        // The README's configuration table, found as ConfigurationReferenceTests finds
        // it: variable and default of each row.
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("\n| variable | property |"));
        for (String line : section.lines().skip(3).takeWhile((line) -> line.startsWith("|")).toList()) {
            String[] cells = line.split("\\|");
            List<String> defaults = codes(cells[3]);
            for (String variable : codes(cells[1])) {
                this.documented.put(variable, defaults.isEmpty() ? "" : defaults.get(0));
            }
        }
        assertThat(this.documented).hasSizeGreaterThan(40).containsKey("EDGEAUTH_DATABASE_URL");
    }

    @Test
    void servicesWhenReadThenEveryOneTheReadmeNamesIsThere() {
        assertThat(services()).containsOnlyKeys(SERVICES);
    }

    @Test
    void variablesWhenSetOrInterpolatedThenEachIsDocumentedInTheReadme() {
        Set<String> used = new TreeSet<>();
        for (String text : ComposeYaml.strings(this.compose)) {
            Matcher matcher = VARIABLE.matcher(text);
            while (matcher.find()) {
                used.add(matcher.group());
            }
        }

        assertThat(used).contains("EDGEAUTH_DATABASE_URL", "EDGEAUTH_AUTH_INTERNAL_URL");
        assertThat(used).as("set or interpolated in compose.yaml but not in the README's configuration table")
            .isSubsetOf(this.documented.keySet());
    }

    @Test
    void portsWhenPublishedThenNoneIsAManagementPort() {
        for (String name : SERVICES) {
            assertThat(service(name).get("network_mode")).as(name + ": the host's network publishes every port")
                .isNotEqualTo("host");
        }
        for (String name : OUR_SERVICES) {
            int management = port(name, "management");
            assertThat(publishedContainerPorts(name)).as(name + " publishes its management port " + management)
                .doesNotContain(management);
        }
    }

    @Test
    void portsWhenPublishedThenOnlyTheGatewaysPublicPortIs() {
        for (String name : SERVICES) {
            assertThat(publishedContainerPorts(name)).as(name + " publishes")
                .isEqualTo(name.equals("gateway") ? List.of(port("gateway", "server")) : List.of());
        }
    }

    @Test
    void healthChecksWhenReadThenEachOfOurServicesAsksItsReadinessEndpoint() {
        for (String name : OUR_SERVICES) {
            assertThat(service(name)).as(name).containsKey("healthcheck");
            Map<String, Object> healthcheck = ComposeYaml.map(service(name).get("healthcheck"));
            Object test = healthcheck.get("test");
            String command = (test instanceof List<?> words) ? String.join(" ", ComposeYaml.strings(words))
                    : String.valueOf(test);
            int management = port(name, "management");

            assertThat(healthcheck.get("disable")).as(name).isNotEqualTo(true);
            assertThat(command).as(name + "'s health check").contains("/actuator/health/readiness");
            assertThat(Pattern.compile("\\b" + management + "\\b").matcher(command).find())
                .as(name + "'s health check targets its management port " + management + ": " + command)
                .isTrue();
        }
    }

    @Test
    void dependenciesWhenStartingThenEachServiceWaitsUntilWhatItNeedsIsHealthy() {
        Map<String, List<String>> needs = Map.of("task-service", List.of("postgres"), "auth-service",
                List.of("postgres"), "gateway", List.of("redis", "task-service", "auth-service"));
        needs.forEach((name, dependencies) -> {
            Map<String, Object> dependsOn = ComposeYaml.map(service(name).get("depends_on"));
            assertThat(dependsOn).as(name + " depends on").containsOnlyKeys(dependencies);
            dependsOn.forEach((dependency, condition) -> {
                assertThat(ComposeYaml.map(condition).get("condition")).as(name + " waits for " + dependency)
                    .isEqualTo("service_healthy");
                assertThat(service(dependency)).as(dependency + " has a health check").containsKey("healthcheck");
            });
        });
    }

    @Test
    void javaServicesWhenStartedThenWithTheirJvmOptionsAndMemoryBudget() {
        for (String name : OUR_SERVICES) {
            Map<String, Object> service = service(name);
            String memory = memoryVariable(name);

            assertThat(service.get("image")).as(name).isEqualTo("eclipse-temurin:17-jre");
            assertThat(String.join(" ", ComposeYaml.strings(service.get("command")))).as(name)
                .contains("java @/app/jvm.options $$EDGEAUTH_JAVA_OPTS -jar");
            assertThat(ComposeYaml.strings(service.get("volumes"))).as(name)
                .contains("./" + name + "/jvm.options:/app/jvm.options:ro");
            assertThat(service.get("mem_limit")).as(name + ": the README's budget")
                .isEqualTo("${" + memory + ":-" + this.documented.get(memory) + "}");
            assertThat(environment(name)).as(name).containsEntry("MALLOC_ARENA_MAX", "2");
        }
    }

    @Test
    void secretsWhenReadThenEachComesFromTheEnvironmentOrStopsTheStart() {
        Set<String> set = new TreeSet<>();
        for (String name : SERVICES) {
            environment(name).forEach((variable, value) -> {
                if (SECRETS.contains(variable)) {
                    set.add(variable);
                    assertThat(value).as(name + ": " + variable)
                        .matches("\\$\\{" + variable + ":\\?[^}]*openssl rand[^}]*}");
                }
            });
        }
        for (String text : ComposeYaml.strings(this.compose)) {
            Matcher matcher = INTERPOLATION.matcher(text);
            while (matcher.find()) {
                String variable = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(3);
                // null: an escaped "$$", read by the container's shell, not by compose.
                if (variable != null && SECRETS.contains(variable)) {
                    assertThat(matcher.group(2)).as(variable + " in " + text).startsWith(":?").contains("openssl rand");
                }
            }
        }

        assertThat(set).as("secrets given to a service").containsExactlyInAnyOrderElementsOf(SECRETS);
    }

    private Map<String, Object> services() {
        return ComposeYaml.map(this.compose.get("services"));
    }

    private Map<String, Object> service(String name) {
        assertThat(services()).containsKey(name);
        return ComposeYaml.map(services().get(name));
    }

    // The environment in either of compose's forms; a name without a value (passed on
    // from the shell, if set there) maps to null.
    private Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof List<?> entries) {
            for (String entry : ComposeYaml.strings(entries)) {
                String[] parts = entry.split("=", 2);
                variables.put(parts[0], (parts.length > 1) ? parts[1] : null);
            }
        }
        else if (environment != null) {
            ComposeYaml.map(environment)
                .forEach((variable, value) -> variables.put(variable, (value != null) ? String.valueOf(value) : null));
        }
        return variables;
    }

    // The container side of each published port: "[ip:][host:]container[/protocol]",
    // or the long form's target.
    private List<Integer> publishedContainerPorts(String name) {
        Object ports = service(name).get("ports");
        List<Integer> published = new ArrayList<>();
        for (Object port : (ports != null) ? (List<?>) ports : List.of()) {
            // As compose's reference asks: YAML 1.1 (SnakeYAML) reads an unquoted
            // 8100:9100
            // as a base-60 number, and so may other tools.
            assertThat(port).as(name + ": a published port is a quoted string or a mapping")
                .isInstanceOfAny(String.class, Map.class);
            if (port instanceof Map<?, ?> longForm) {
                published.add(Integer.parseInt(String.valueOf(longForm.get("target"))));
                continue;
            }
            String text = String.valueOf(port).replaceFirst("/[a-z]+$", "");
            String container = text.substring(text.lastIndexOf(':') + 1);
            String[] range = container.split("-", 2);
            int first = Integer.parseInt(range[0]);
            int last = (range.length > 1) ? Integer.parseInt(range[1]) : first;
            for (int number = first; number <= last; number++) {
                published.add(number);
            }
        }
        return published;
    }

    // A port as the service reads it: server.port or management.server.port of its
    // application.yaml, a placeholder whose variable the compose file may set.
    private int port(String name, String which) {
        Map<String, Object> application = ComposeYaml
            .read(Path.of("..", name, "src", "main", "resources", "application.yaml"));
        Map<String, Object> server = ComposeYaml.map(which.equals("server") ? application.get("server")
                : ComposeYaml.map(application.get("management")).get("server"));
        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(server.get("port")));
        assertThat(placeholder.matches()).as(name + " " + which + ".port: " + server.get("port")).isTrue();
        String set = environment(name).get(placeholder.group(1));
        String value = (set != null) ? set : placeholder.group(2);
        assertThat(value).as(name + ": " + placeholder.group(1) + " must be a number here").matches("[0-9]+");
        return Integer.parseInt(value);
    }

    // EDGEAUTH_<SERVICE>_MEMORY, <SERVICE> as the service's own port variable names it.
    private static String memoryVariable(String name) {
        Map<String, Object> application = ComposeYaml
            .read(Path.of("..", name, "src", "main", "resources", "application.yaml"));
        Matcher placeholder = PLACEHOLDER
            .matcher(String.valueOf(ComposeYaml.map(application.get("server")).get("port")));
        assertThat(placeholder.matches()).isTrue();
        return placeholder.group(1).replaceFirst("_PORT$", "_MEMORY");
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

}
