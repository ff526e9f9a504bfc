package dev.edgeauth.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Set;

import com.nimbusds.jwt.SignedJWT;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the token module parses, signs or verifies a JWS: every other class of every
 * module (their compiled main classes, as the build leaves them) is checked. One verifier
 * means one set of rules; a second parser elsewhere is how two services come to disagree.
 */
class TokenBoundaryTests {

    private static final List<String> MODULES = List.of("common", "token", "auth-service", "gateway", "task-service");

    /** The JOSE objects that parse, sign or verify, and the crypto that does it. */
    private static final Set<String> JWS_TYPES = Set.of("com.nimbusds.jose.JWSObject", "com.nimbusds.jwt.SignedJWT",
            "com.nimbusds.jose.JWSSigner", "com.nimbusds.jose.JWSVerifier",
            "org.bouncycastle.crypto.signers.Ed25519Signer", "org.bouncycastle.math.ec.rfc8032.Ed25519");

    static final ArchRule ONLY_THE_TOKEN_MODULE_HANDLES_JWS = noClasses().that()
        .resideOutsideOfPackage("dev.edgeauth.token..")
        .should()
        .dependOnClassesThat(DescribedPredicate.describe("parse, sign or verify a JWS",
                (JavaClass type) -> JWS_TYPES.contains(type.getName())
                        || type.getPackageName().startsWith("com.nimbusds.jose.crypto")))
        .orShould()
        .callMethodWhere(DescribedPredicate.describe("sign or verify with an Ed25519 key",
                (JavaMethodCall call) -> call.getTargetOwner()
                    .getName()
                    .startsWith("org.bouncycastle.crypto.params.Ed25519")
                        && (call.getName().equals("sign") || call.getName().equals("verify"))));

    @Test
    void jwsWhenHandledAnywhereButTheTokenModuleThenTheBuildFails() {
        List<Path> classes = MODULES.stream().map((module) -> Path.of("..", module, "target", "classes")).toList();
        assertThat(classes).allSatisfy((path) -> assertThat(Files.isDirectory(path)).as(path.toString()).isTrue());
        JavaClasses imported = new ClassFileImporter().importPaths(classes);
        assertThat(imported.stream().filter((type) -> type.getPackageName().startsWith("dev.edgeauth.token")))
            .isNotEmpty();

        ONLY_THE_TOKEN_MODULE_HANDLES_JWS.check(imported);
    }

    @Test
    void ruleWhenAClassParsesAJwsThenItIsAViolation() {
        JavaClasses violation = new ClassFileImporter().importClasses(ParsesItsOwnTokens.class);

        assertThat(ONLY_THE_TOKEN_MODULE_HANDLES_JWS.evaluate(violation).hasViolation()).isTrue();
    }

    /** What the rule exists to stop: a verifier of its own. */
    static final class ParsesItsOwnTokens {

        String subject(String token) throws ParseException {
            return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        }

    }

}
