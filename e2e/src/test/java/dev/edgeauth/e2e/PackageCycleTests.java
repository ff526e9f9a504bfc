package dev.edgeauth.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports run one way: in each service, the feature packages
 * ({@code dev.edgeauth.<service>.<feature>..}) have no cycle between them. Checked on
 * each module's compiled main classes, as the build leaves them; tests may reach across.
 */
class PackageCycleTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "auth-service, dev.edgeauth.auth", "gateway, dev.edgeauth.gateway",
            "task-service, dev.edgeauth.taskservice", "common, dev.edgeauth.common", "token, dev.edgeauth.token" })
    void packagesWhenImportedThenFreeOfCycles(String module, String basePackage) {
        Path classes = Path.of("..", module, "target", "classes");
        assertThat(Files.isDirectory(classes)).as(classes.toString()).isTrue();
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        assertThat(imported.stream().filter((type) -> type.getPackageName().startsWith(basePackage + ".")))
            .isNotEmpty();

        featurePackagesFreeOfCycles(basePackage).check(imported);
    }

    @Test
    void ruleWhenTwoPackagesImportEachOtherThenItIsAViolation() {
        JavaClasses cycle = new ClassFileImporter().importPackages("dev.edgeauth.e2e.cycle");

        assertThat(featurePackagesFreeOfCycles("dev.edgeauth.e2e.cycle").evaluate(cycle).hasViolation()).isTrue();
    }

    private static ArchRule featurePackagesFreeOfCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..").should().beFreeOfCycles();
    }

}
