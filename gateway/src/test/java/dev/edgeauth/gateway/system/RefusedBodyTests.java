package dev.edgeauth.gateway.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.edgeauth.common.testing.RawHttpExchange;
import dev.edgeauth.gateway.testing.GatewayTestSupport;
import dev.edgeauth.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that writes a whole 2 MB body and only then reads (no
 * {@code Expect: 100-continue}) reads the 413 the gateway answered, not a reset: after a
 * refusal the gateway keeps reading and discarding for a bounded time before it closes
 * (common's {@code LingeringClose}). {@code Connection: close} makes the gateway close
 * after its answer, which is when a reset would happen.
 */
class RefusedBodyTests extends GatewayTestSupport {

    private static final byte[] TWO_MEGABYTES = new byte[2 * 1024 * 1024];

    static {
        Arrays.fill(TWO_MEGABYTES, (byte) 'x');
    }

    @ParameterizedTest(name = "{0} {1}, {2}")
    @CsvSource({ "POST, /auth/signup, content-length", "POST, /auth/login, content-length",
            "PATCH, /api/tasks/1, content-length", "POST, /auth/signup, chunked", "POST, /auth/login, chunked",
            "PATCH, /api/tasks/1, chunked" })
    void bodyWhenOverLimitThenTheWholeProblemIsReadAfterTheBodyIsWritten(String method, String path, String framing) {
        String token = bearer(TestTokens.valid(KEY).sign());
        for (int i = 0; i < 20; i++) {
            RawHttpExchange.Response response = RawHttpExchange.send(this.port,
                    request(method, path, token, framing.equals("chunked")));

            assertThat(response.reset()).as("reset on attempt %d", i + 1).isFalse();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(response.body()).hasSize(Integer.parseInt(response.header("Content-Length")))
                .contains("\"code\":\"payload_too_large\"");
        }
    }

    @Test
    void lingeringWhenClientNeverStopsSendingThenTheGatewayClosesAnyway() throws IOException {
        String head = "POST /auth/signup HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n";
        long written = 0;
        boolean closedByGateway = false;
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            // Far more than the 4 MiB the gateway discards; the write fails once it has
            // closed.
            while (written < 64L * 1024 * 1024) {
                try {
                    out.write(chunk);
                }
                catch (SocketException ex) {
                    closedByGateway = true;
                    break;
                }
                written += chunk.length;
            }
        }

        assertThat(closedByGateway).as("closed after %d bytes", written).isTrue();
    }

    private static byte[] request(String method, String path, String authorization, boolean chunked) {
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nAuthorization: " + authorization + "\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n\r\n"
                        : "Content-Length: " + TWO_MEGABYTES.length + "\r\n\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!chunked) {
            request.writeBytes(TWO_MEGABYTES);
            return request.toByteArray();
        }
        int size = 8192;
        for (int offset = 0; offset < TWO_MEGABYTES.length; offset += size) {
            request.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.write(TWO_MEGABYTES, offset, size);
            request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return request.toByteArray();
    }

}
