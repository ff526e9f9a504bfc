package dev.edgeauth.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Test fixture: the addresses the kernel has a listening TCP socket on for a port, read
 * from {@code /proc/net/tcp} and {@code /proc/net/tcp6} (Linux). It tells where a server
 * is bound without connecting to anything: a test never needs to reach a non-loopback
 * address of the machine to prove a port is not bound there.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /**
     * The local addresses with a listening socket on a port ({@code 0.0.0.0} or
     * {@code ::} when bound to every interface).
     * @param port the port
     * @return the addresses, empty when nothing listens there
     */
    public static List<InetAddress> boundAddresses(int port) {
        List<InetAddress> addresses = new ArrayList<>();
        read(Path.of("/proc/net/tcp"), port, addresses);
        read(Path.of("/proc/net/tcp6"), port, addresses);
        return addresses;
    }

    private static void read(Path table, int port, List<InetAddress> addresses) {
        if (!Files.isReadable(table)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        for (String line : lines.subList(1, lines.size())) {
            // sl local_address rem_address st ...; local_address is HEXADDR:HEXPORT.
            String[] fields = line.trim().split("\\s+");
            String[] local = fields[1].split(":");
            if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
                addresses.add(address(local[0]));
            }
        }
    }

    // The kernel prints each 32-bit word of the address in host (little-endian) order.
    private static InetAddress address(String hex) {
        byte[] raw = HexFormat.of().parseHex(hex);
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte swap = raw[word + i];
                raw[word + i] = raw[word + 3 - i];
                raw[word + 3 - i] = swap;
            }
        }
        try {
            return InetAddress.getByAddress(raw);
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
