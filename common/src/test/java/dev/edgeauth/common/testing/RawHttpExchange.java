package dev.edgeauth.common.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Test fixture: one HTTP exchange on a raw socket, byte for byte as the test gives it
 * (HTTP client libraries fix what a test means to send wrong), that first writes the
 * whole request and only then reads the answer to the end of the stream, the way a naive
 * client does. A reset, on the write or the read, is recorded rather than thrown, so a
 * test can assert that none happened. Runs on the test thread, never on an event loop.
 */
public final class RawHttpExchange {

    private RawHttpExchange() {
    }

    /**
     * Sends {@code request} to {@code 127.0.0.1:port} and reads until the server closes.
     * @param port the server's port
     * @param request the whole request, head and body
     * @return what came back
     */
    public static Response send(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            boolean reset = false;
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            }
            catch (SocketException ex) {
                reset = true;
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                InputStream in = socket.getInputStream();
                byte[] chunk = new byte[8192];
                int read;
                while ((read = in.read(chunk)) != -1) {
                    received.write(chunk, 0, read);
                }
            }
            catch (SocketException ex) {
                reset = true;
            }
            return Response.parse(received.toByteArray(), reset);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Sends a request given as ISO-8859-1 text. */
    public static Response send(int port, String request) {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * An answer as read off the socket.
     *
     * @param status the status code, or 0 when no status line arrived
     * @param headers header fields by lower-case name (the last of a repeated one)
     * @param body the body as text, everything after the head
     * @param reset whether the connection was reset instead of closed
     */
    public record Response(int status, Map<String, String> headers, String body, boolean reset) {

        static Response parse(byte[] bytes, boolean reset) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/") || end < 0) {
                return new Response(0, Map.of(), text, reset);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4), reset);
        }

        /** The value of a header, or {@code null}. */
        public String header(String name) {
            return this.headers.get(name.toLowerCase(Locale.ROOT));
        }

    }

}
