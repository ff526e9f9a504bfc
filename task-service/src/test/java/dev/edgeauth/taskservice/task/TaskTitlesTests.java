package dev.edgeauth.taskservice.task;

import dev.edgeauth.common.problem.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TaskTitlesTests {

    @Test
    void requireValidWhenPlainOrAstralTextThenKeptAsTyped() {
        assertThat(TaskTitles.requireValid("  padded  ")).isEqualTo("  padded  ");
        assertThat(TaskTitles.requireValid("\uD83D\uDE00".repeat(500))).hasSize(1000);
    }

    @Test
    void requireValidWhenBrokenThenInvalidRequest() {
        for (String bad : new String[] { "", " \t", "x".repeat(501), "a\u0000", "a\u007f", "\uDC00x", "x\uD800" }) {
            assertThatExceptionOfType(ApiException.class).isThrownBy(() -> TaskTitles.requireValid(bad));
        }
    }

}
