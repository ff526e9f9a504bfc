package dev.edgeauth.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.edgeauth.common.config.RenamedVariables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table is the truth: every documented {@code edgeauth.*}
 * property exists (the configuration metadata each module's build writes), every
 * {@code edgeauth.*} property a module binds is documented, and every documented variable
 * is read (by a configuration file's placeholder, by Spring's relaxed binding of its
 * property, by common's renamed variables, or by {@code ./edgeauth}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationReferenceTests {

    private static final List<String> MODULES = List.of("common", "database", "token", "auth-service", "gateway",
            "task-service");

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private final List<Row> rows = new ArrayList<>();

    private final Set<String> metadata = new TreeSet<>();

    private final StringBuilder readers = new StringBuilder();

    @BeforeAll
    void read() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        // The table under "## Configuration": its header, then rows up to the first line
        // that is not one.
        String section = readme.substring(readme.indexOf("\n| variable | property |"));
        for (String line : section.lines().skip(3).takeWhile((line) -> line.startsWith("|")).toList()) {
            String[] cells = line.split("\\|");
            this.rows.add(new Row(codes(cells[1]), codes(cells[2])));
        }
        JsonMapper json = JsonMapper.builder().build();
        for (String module : MODULES) {
            assertThat(Path.of("..", module, "target", "classes")).as("the classes of " + module).isDirectory();
            // A module without @ConfigurationProperties (task-service) has no metadata.
            Path file = Path.of("..", module, "target", "classes", "META-INF", "spring-configuration-metadata.json");
            if (Files.exists(file)) {
                for (JsonNode property : json.readTree(file.toFile()).get("properties")) {
                    this.metadata.add(property.get("name").asString());
                }
            }
            Path yaml = Path.of("..", module, "src", "main", "resources", "application.yaml");
            if (Files.exists(yaml)) {
                this.readers.append(Files.readString(yaml));
            }
        }
        this.readers.append(Files.readString(Path.of("..", "edgeauth")));
        assertThat(this.rows).hasSizeGreaterThan(40);
        assertThat(this.metadata).contains("edgeauth.database.url", "edgeauth.token.issuer",
                "edgeauth.gateway.routes-file");
    }

    @Test
    void documentedPropertiesWhenLookedUpThenEachExists() {
        List<String> unknown = this.rows.stream()
            .flatMap((row) -> row.properties().stream())
            .filter((property) -> property.startsWith("edgeauth."))
            .filter((property) -> !this.metadata.contains(property))
            .toList();

        assertThat(unknown).as("documented in the README but bound by no module").isEmpty();
    }

    @Test
    void boundPropertiesWhenLookedUpThenEachIsDocumented() {
        Set<String> documented = new TreeSet<>();
        this.rows.forEach((row) -> documented.addAll(row.properties()));
        List<String> undocumented = this.metadata.stream()
            .filter((property) -> property.startsWith("edgeauth."))
            .filter((property) -> !documented.contains(property))
            .toList();

        assertThat(undocumented).as("bound by a module but missing from the README's table").isEmpty();
    }

    @Test
    void documentedVariablesWhenLookedUpThenEachIsRead() {
        List<String> unread = new ArrayList<>();
        for (Row row : this.rows) {
            for (String variable : row.variables()) {
                boolean read = this.readers.indexOf("${" + variable + ":") >= 0
                        || this.readers.indexOf("${" + variable + "}") >= 0
                        || this.readers.indexOf(variable + ":-") >= 0
                        || RenamedVariables.mappedVariables().containsKey(variable)
                        || row.properties().stream().anyMatch((property) -> relaxed(property).equals(variable));
                if (!read) {
                    unread.add(variable);
                }
            }
        }

        assertThat(unread).as("documented in the README but read by nothing").isEmpty();
    }

    // Spring's relaxed binding of an environment variable: upper case, dots to
    // underscores, dashes dropped.
    private static String relaxed(String property) {
        return property.replace(".", "_").replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    private record Row(List<String> variables, List<String> properties) {
    }

}
