package dev.edgeauth.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test fixture: HTTP/1.1 over a plain socket, one request per connection
 * ({@code Connection: close}), from a chosen loopback address. A load test gets from it
 * what a pooled client hides: a refused connection is told apart from a connection that
 * was reset before any answer, and no request ever meets a kept-alive connection the
 * server is closing. Each {@code 127.0.0.x} address is a client of its own to the
 * gateway's per-IP limits.
 */
final class RawHttp {

    /** The status of a {@link Response} when the connection was refused. */
    static final int REFUSED = 0;

    /**
     * The status of a {@link Response} when the connection was closed or reset before a
     * single byte of an answer.
     */
    static final int UNANSWERED = -1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InetAddress from;

    private RawHttp(InetAddress from) {
        this.from = from;
    }

    /**
     * A client on one loopback address.
     * @param address a {@code 127.0.0.x} address
     * @return the client
     */
    static RawHttp from(String address) {
        try {
            return new RawHttp(InetAddress.getByName(address));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Sends a request and reads its answer.
     * @param port the port on 127.0.0.1
     * @param method the method
     * @param path the path
     * @param headers more headers
     * @param json a JSON body, or null
     * @return the answer, {@link #REFUSED} or {@link #UNANSWERED}
     */
    Response send(int port, String method, String path, Map<String, String> headers, @Nullable String json) {
        Socket socket;
        try {
            socket = connect(port);
        }
        catch (ConnectException ex) {
            return new Response(REFUSED, Map.of(), "");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        try (socket) {
            byte[] body = (json != null) ? json.getBytes(StandardCharsets.UTF_8) : new byte[0];
            OutputStream out = socket.getOutputStream();
            out.write(head(port, method, path, headers, (json != null) ? body.length : -1));
            out.write(body);
            out.flush();
            return Response.read(socket.getInputStream());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(method + " " + path + " failed", ex);
        }
    }

    /**
     * Sends a JSON POST but its body's last byte: the server has begun it and holds it
     * open, in flight, until {@link Held#finish()}.
     * @param port the port on 127.0.0.1
     * @param path the path
     * @param headers more headers
     * @param json the body
     * @return the held request
     */
    Held hold(int port, String path, Map<String, String> headers, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            Socket socket = connect(port);
            OutputStream out = socket.getOutputStream();
            out.write(head(port, "POST", path, headers, body.length));
            out.write(body, 0, body.length - 1);
            out.flush();
            return new Held(socket, body[body.length - 1]);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(this.from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout((int) TimedClient.HANG_TIMEOUT.toMillis());
            return socket;
        }
        catch (IOException ex) {
            socket.close();
            throw ex;
        }
    }

    private static byte[] head(int port, String method, String path, Map<String, String> headers, int length) {
        StringBuilder head = new StringBuilder(
                method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n");
        if (length >= 0) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(length).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A request in flight at the server until {@link #finish()}. */
    static final class Held implements AutoCloseable {

        private final Socket socket;

        private final byte lastByte;

        private Held(Socket socket, byte lastByte) {
            this.socket = socket;
            this.lastByte = lastByte;
        }

        /**
         * Sends the last byte and reads the whole answer.
         * @return the answer
         */
        Response finish() {
            try {
                this.socket.getOutputStream().write(this.lastByte);
                this.socket.getOutputStream().flush();
                return Response.read(this.socket.getInputStream());
            }
            catch (IOException ex) {
                throw new UncheckedIOException("The held request got no whole answer", ex);
            }
        }

        @Override
        public void close() {
            try {
                this.socket.close();
            }
            catch (IOException ex) {
                // closing anyway
            }
        }

    }

    /**
     * An answer read to the end of its connection.
     *
     * @param status the status, or {@link #REFUSED} or {@link #UNANSWERED}
     * @param headers the headers, names in lower case
     * @param body the body, de-chunked
     */
    record Response(int status, Map<String, String> headers, String body) {

        static Response read(InputStream in) throws IOException {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                in.transferTo(received);
            }
            catch (IOException ex) {
                // A reset before any byte: the connection was never served.
                if (received.size() == 0) {
                    return new Response(UNANSWERED, Map.of(), "");
                }
                throw ex;
            }
            if (received.size() == 0) {
                return new Response(UNANSWERED, Map.of(), "");
            }
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                throw new IOException("Not a whole HTTP response: " + text);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : text.substring(0, end).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            byte[] body = text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Response(Integer.parseInt(text.substring(9, 12)), headers,
                    new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] dechunk(byte[] chunked) {
            String text = new String(chunked, StandardCharsets.ISO_8859_1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (true) {
                int line = text.indexOf("\r\n", at);
                int size = Integer.parseInt(text.substring(at, line).split(";")[0].trim(), 16);
                if (size == 0) {
                    return out.toByteArray();
                }
                out.write(chunked, line + 2, size);
                at = line + 2 + size + 2;
            }
        }

        /** A top-level string member of the JSON body ("" when there is none). */
        String json(String member) {
            try {
                JsonNode node = JSON.readTree(this.body).path(member);
                return node.isValueNode() ? node.asString() : "";
            }
            catch (RuntimeException ex) {
                return "";
            }
        }

        /**
         * The contract's answer for a dependency that is down: 503 problem+json
         * {@code unavailable} with {@code Retry-After}.
         */
        boolean isUnavailable() {
            return this.status == 503 && "unavailable".equals(json("code"))
                    && String.valueOf(this.headers.get("retry-after")).matches("[1-9][0-9]*")
                    && String.valueOf(this.headers.get("content-type")).startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return switch (this.status) {
                case REFUSED -> "refused";
                case UNANSWERED -> "closed unanswered";
                default -> this.status + " " + this.body;
            };
        }

    }

}
