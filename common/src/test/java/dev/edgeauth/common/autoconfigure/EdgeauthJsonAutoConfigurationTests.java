package dev.edgeauth.common.autoconfigure;

import java.lang.management.ManagementFactory;
import java.util.Map;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' JSON mapper: contract JSON, and a response body encoded without
 * allocating new buffers each time.
 */
class EdgeauthJsonAutoConfigurationTests {

    private static final int ENCODES = 2_000;

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(EdgeauthJsonAutoConfiguration.class, JacksonAutoConfiguration.class));

    @Test
    void jsonMapperWritesContractJson() {
        this.contexts.run((context) -> assertThat(
                context.getBean(JsonMapper.class).writeValueAsString(new TokenAnswer("a.b.c", "Bearer", 900)))
            .isEqualTo("{\"access_token\":\"a.b.c\",\"token_type\":\"Bearer\",\"expires_in\":900}"));
    }

    @Test
    void encoderRecyclesItsBuffersAcrossResponses() {
        this.contexts.run((context) -> {
            JacksonJsonEncoder encoder = new JacksonJsonEncoder(context.getBean(JsonMapper.class));
            TokenAnswer answer = new TokenAnswer("a.b.c", "Bearer", 900);
            encode(encoder, answer, ENCODES);
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            encode(encoder, answer, ENCODES);
            long perEncode = (threads.getCurrentThreadAllocatedBytes() - before) / ENCODES;
            // A new recycler's buffers alone are about 18 KB (an 8 KB output buffer,
            // a 4 KB character buffer, the byte builder's first block); a recycled
            // encode of this answer allocates about one kilobyte.
            assertThat(perEncode).isLessThan(4_096);
        });
    }

    private static void encode(JacksonJsonEncoder encoder, TokenAnswer answer, int times) {
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        for (int i = 0; i < times; i++) {
            DataBufferUtils.release(encoder.encodeValue(answer, buffers, ResolvableType.forInstance(answer),
                    MediaType.APPLICATION_JSON, Map.of()));
        }
    }

    record TokenAnswer(String accessToken, String tokenType, int expiresIn) {
    }

}
