package dev.edgeauth.auth.password;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Argon2id settings are refused below the work of OWASP's least configuration, and any of
 * its configurations is accepted.
 */
class PasswordPropertiesTests {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @ParameterizedTest
    @CsvSource({ "47104, 1", "19456, 2", "12288, 3", "9216, 4", "7168, 5" })
    void argon2WhenOneOfOwaspsConfigurationsThenValid(int memoryKib, int iterations) {
        assertThat(this.validator.validate(properties(memoryKib, iterations))).isEmpty();
    }

    @Test
    void argon2WhenLessWorkThanOwaspsLeastThenInvalid() {
        assertThat(this.validator.validate(properties(7168, 4))).singleElement()
            .satisfies((violation) -> assertThat(violation.getMessage()).contains("at least 35840"));
        assertThat(this.validator.validate(properties(19456, 1))).hasSize(1);
    }

    @Test
    void argon2WhenLessMemoryThanOwaspsLeastThenInvalid() {
        assertThat(this.validator.validate(properties(4096, 10))).singleElement()
            .satisfies((violation) -> assertThat(violation.getPropertyPath()).hasToString("argon2MemoryKib"));
    }

    private static PasswordProperties properties(int memoryKib, int iterations) {
        return new PasswordProperties(8, 128, 2, 0, 256, memoryKib, iterations);
    }

}
