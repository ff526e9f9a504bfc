package dev.edgeauth.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request byte for byte, so header names keep the exact spelling a test gives
 * (HTTP client libraries merge or normalise them). Runs on the test thread, never on an
 * event loop.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code GET path} with the given header lines and returns the status code.
     * @param port the gateway's port
     * @param path the request target
     * @param headerLines complete header lines such as {@code "x-user-id: evil"}
     * @return the response status
     */
    public static int get(int port, String path, String... headerLines) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = readLine(socket.getInputStream());
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).trim();
    }

}
