package dev.edgeauth.auth.signingkey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import dev.edgeauth.auth.AuthServiceApplication;
import dev.edgeauth.auth.crypto.KeyEncryptionKeyException;
import dev.edgeauth.database.testing.PrivatePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Starting the real application with one key-encryption key, then another, on the same
 * database: a wrong key stops start-up with a one-line reason; the previous key given
 * beside the new one re-encrypts; no key at all means a development key with a warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyEncryptionKeyStartupTests {

    private static final String KEK_A = "DaXjQG+vK6gbUI6MRzW+CCkI2AD/AgbO9QILlFa+SVo=";

    private static final String KEK_B = "7Lq0n3mJb8cQm1x2H0g3dV2yWf5Zc8kqQeR1tUvW9aE=";

    @Test
    void startWhenKeyEncryptionKeyIsNotTheStoredKeysOneThenFailsWithOneLineReason(CapturedOutput output) {
        start("auth_kek_wrong", KEK_A, "").close();

        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> start("auth_kek_wrong", KEK_B, ""))
            .satisfies((ex) -> {
                Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
                assertThat(cause).isInstanceOf(KeyEncryptionKeyException.class);
                assertThat(cause.getMessage()).doesNotContain("\n")
                    .startsWith("The signing keys in the database were encrypted with key-encryption key")
                    .contains("but EDGEAUTH_KEK is key")
                    .doesNotContain(KEK_A, KEK_B);
                assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                    .contains(cause.getMessage())
                    .doesNotContain("at dev.edgeauth.auth")
                    .doesNotContain(KEK_A, KEK_B);
            });
    }

    @Test
    void startWhenKeyEncryptionKeyIsMalformedThenFailsWithOneLineReason(CapturedOutput output) {
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> start("auth_kek_malformed", "c2hvcnQ=", ""))
            .satisfies((ex) -> {
                Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
                assertThat(cause).isInstanceOf(KeyEncryptionKeyException.class);
                assertThat(cause.getMessage()).doesNotContain("\n")
                    .isEqualTo("EDGEAUTH_KEK (edgeauth.keys.encryption-key) must be 32 random bytes in base64"
                            + " (44 characters)");
                assertThat(output.getAll()).contains("APPLICATION FAILED TO START").doesNotContain("c2hvcnQ=");
            });
    }

    @Test
    void startWhenPreviousKeyEncryptionKeyGivenThenReencryptsUnderTheNewOne() {
        List<String> kidsBefore;
        try (ConfigurableApplicationContext first = start("auth_kek_change", KEK_A, "")) {
            kidsBefore = kids(first);
        }
        try (ConfigurableApplicationContext changing = start("auth_kek_change", KEK_B, KEK_A)) {
            assertThat(kids(changing)).isEqualTo(kidsBefore);
        }
        try (ConfigurableApplicationContext changed = start("auth_kek_change", KEK_B, "")) {
            assertThat(kids(changed)).isEqualTo(kidsBefore);
            assertThat(changed.getBean(SigningKeyService.class).ring().keys())
                .allSatisfy((key) -> assertThat(key.signingKey()).isNotNull());
        }
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> start("auth_kek_change", KEK_A, ""))
            .satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
                .isInstanceOf(KeyEncryptionKeyException.class));
    }

    @Test
    void startWhenNoKeyEncryptionKeyThenDevelopmentKeyFileWithLoudWarning(@TempDir Path folder, CapturedOutput output)
            throws Exception {
        Path file = folder.resolve("dev/development-kek");

        try (ConfigurableApplicationContext context = start("auth_kek_development", "", "",
                "--edgeauth.keys.development-key-file=" + file)) {
            assertThat(context.getBean(SigningKeyService.class).ring().keys()).isNotEmpty();
        }

        assertThat(Files.readString(file).trim()).matches("[A-Za-z0-9+/]{43}=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(output.getAll()).contains("EDGEAUTH_KEK is not set")
            .contains("DEVELOPMENT key-encryption key")
            .doesNotContain(Files.readString(file).trim());
    }

    @Test
    void startWhenNoKeyEncryptionKeyAndAnExternalDatabaseThenFailsWithOneLineReason(CapturedOutput output) {
        try (PrivatePostgres postgres = PrivatePostgres.start()) {
            assertThatExceptionOfType(RuntimeException.class)
                .isThrownBy(() -> start("auth_kek_external", "", "", "--edgeauth.database.url=" + postgres.url()))
                .satisfies((ex) -> {
                    Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
                    assertThat(cause).isInstanceOf(KeyEncryptionKeyException.class);
                    assertThat(cause.getMessage()).doesNotContain("\n")
                        .contains("EDGEAUTH_KEK is not set, but EDGEAUTH_DATABASE_URL is");
                    assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                        .doesNotContain("DEVELOPMENT key-encryption key");
                });
        }
    }

    private static ConfigurableApplicationContext start(String schema, String kek, String previousKek, String... more) {
        // Arguments, not default properties: application.yaml's ports would win over
        // those.
        String[] args = new String[5 + more.length];
        args[0] = "--edgeauth.database.schema=" + schema;
        args[1] = "--edgeauth.keys.encryption-key=" + kek;
        args[2] = "--edgeauth.keys.previous-encryption-key=" + previousKek;
        args[3] = "--server.port=0";
        args[4] = "--management.server.port=0";
        System.arraycopy(more, 0, args, 5, more.length);
        return new SpringApplicationBuilder(AuthServiceApplication.class).run(args);
    }

    private static List<String> kids(ConfigurableApplicationContext context) {
        return context.getBean(SigningKeyService.class).ring().keys().stream().map(SigningKey::kid).toList();
    }

}
