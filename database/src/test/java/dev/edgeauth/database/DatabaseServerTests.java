package dev.edgeauth.database;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseServerTests {

    @Test
    void parseWhenFullUriThenReadsEveryPart() {
        DatabaseServer server = DatabaseServer.parse("postgresql://app:s%40cret@db.internal:6543/edge");
        assertThat(server).isEqualTo(new DatabaseServer("db.internal", 6543, "edge", "app", "s@cret"));
    }

    @Test
    void parseWhenMinimalUriThenDefaults() {
        assertThat(DatabaseServer.parse("postgres://127.0.0.1"))
            .isEqualTo(new DatabaseServer("127.0.0.1", 5432, "postgres", "postgres", null));
    }

    @Test
    void parseWhenNotPostgresUriThenNamesTheVariable() {
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseServer.parse("jdbc:postgresql://x/y"))
            .withMessageContaining("EDGEAUTH_DATABASE_URL");
    }

    @Test
    void springPropertiesWhenSchemaGivenThenR2dbcAndFlywayUseIt() {
        Map<String, Object> properties = DatabaseServer.parse("postgresql://u:p@h:1/d")
            .springProperties("tasks", Duration.ofSeconds(2));
        assertThat(properties).containsEntry("spring.r2dbc.username", "u")
            .containsEntry("spring.r2dbc.password", "p")
            .containsEntry("spring.flyway.schemas", "tasks")
            .containsEntry("spring.flyway.url", "jdbc:postgresql://h:1/d?connectTimeout=2");
        assertThat((String) properties.get("spring.r2dbc.url")).startsWith("r2dbc:postgresql://h:1/d?schema=tasks&");
    }

    @Test
    void springPropertiesThenResultsComeInBinary() {
        Map<String, Object> properties = DatabaseServer.parse("postgresql://u@h:1/d")
            .springProperties("tasks", Duration.ofSeconds(2));
        assertThat((String) properties.get("spring.r2dbc.url")).contains("&forceBinary=true");
    }

    @Test
    void describeWhenPasswordSetThenLeavesItOut() {
        assertThat(DatabaseServer.parse("postgresql://u:topsecret@h/d").describe()).doesNotContain("topsecret");
    }

}
