package dev.edgeauth.common.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeTests {

    @Test
    void forStatusWhenKnownStatusThenContractCode() {
        assertThat(ErrorCode.forStatus(413)).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(ErrorCode.forStatus(415)).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(ErrorCode.forStatus(503)).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void forStatusWhenUnknownThenGenericCodeOfItsClass() {
        assertThat(ErrorCode.forStatus(418)).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(ErrorCode.forStatus(502)).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void typeWhenAnyCodeThenTagUriEndingInCode() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.type().toString()).isEqualTo("tag:edgeauth.dev,2026:problem:" + code.code());
        }
    }

}
