package dev.edgeauth.common.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTests {

    @Test
    void acceptOrGenerateWhenSafeTokenThenKeepsIt() {
        assertThat(RequestIds.acceptOrGenerate("req-1.a:B_2")).isEqualTo("req-1.a:B_2");
    }

    @Test
    void acceptOrGenerateWhenUnsafeThenReplacesIt() {
        for (String unsafe : new String[] { "", " x", "a b", "a\r\nX-User-Id: 1", "a\"b", "-leading", "x".repeat(129),
                "é" }) {
            assertThat(RequestIds.acceptOrGenerate(unsafe)).as(unsafe).isNotEqualTo(unsafe).matches("[0-9a-f]{32}");
        }
        assertThat(RequestIds.acceptOrGenerate(null)).matches("[0-9a-f]{32}");
    }

    @Test
    void generateWhenCalledTwiceThenDiffers() {
        assertThat(RequestIds.generate()).isNotEqualTo(RequestIds.generate());
    }

}
