package dev.edgeauth.common.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Determines the client's IP address: the peer, unless the peer is a trusted proxy, in
 * which case the nearest untrusted address in {@code X-Forwarded-For}, read from the
 * right (the left part is whatever the client wrote and cannot be believed).
 */
public final class ClientAddressResolver {

    /** The header a trusted proxy puts the client's address in. */
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final String UNKNOWN = "unknown";

    private final List<IpRange> trustedProxies;

    private final int ipv6Prefix;

    public ClientAddressResolver(ClientAddressProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().map(IpRange::parse).toList();
        this.ipv6Prefix = properties.ipv6Prefix();
    }

    /**
     * The client address of a request, as text ({@code "unknown"} only when the server
     * has no peer address, as in some in-memory tests).
     * @param request the request
     * @return the client IP address
     */
    public String resolve(ServerHttpRequest request) {
        InetAddress peer = peer(request);
        if (peer == null) {
            return UNKNOWN;
        }
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        InetAddress client = peer;
        List<String> hops = forwardedHops(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = IpRange.parseLiteral(hops.get(i));
            if (hop == null) {
                break; // A malformed entry ends the chain: nothing left of it can be
                       // trusted.
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    /**
     * The key a client address is counted by (rate-limit windows, lockout): an IPv4
     * address (IPv4-mapped IPv6 included) as itself, an IPv6 address as its prefix of the
     * configured length ({@code 2001:db8:1:2:0:0:0:0/64}). Text that is not an address
     * ({@code "unknown"}) is its own key.
     * @param address a client address, as {@link #resolve} gives it
     * @return the key
     */
    public String countingKey(String address) {
        InetAddress parsed = IpRange.parseLiteral(address);
        if (parsed == null) {
            return address;
        }
        byte[] bytes = parsed.getAddress();
        if (bytes.length == 16 && isIpv4Mapped(bytes)) {
            return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
        }
        if (bytes.length == 4) {
            return parsed.getHostAddress();
        }
        for (int bit = this.ipv6Prefix; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + this.ipv6Prefix;
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException("16 bytes are always an address", ex);
        }
    }

    /**
     * The counting key ({@link #countingKey}) of a request's client address.
     * @param request the request
     * @return the key
     */
    public String resolveCountingKey(ServerHttpRequest request) {
        return countingKey(resolve(request));
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /**
     * Whether the request's TCP peer is a trusted proxy: the only peer whose forwarded
     * headers (the client address, and in a backend the gateway's identity headers) are
     * believed.
     * @param request the request
     * @return {@code false} too when the server has no peer address
     */
    public boolean isFromTrustedProxy(ServerHttpRequest request) {
        InetAddress peer = peer(request);
        return peer != null && isTrusted(peer);
    }

    private static @Nullable InetAddress peer(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return (remote != null) ? remote.getAddress() : null;
    }

    private boolean isTrusted(InetAddress address) {
        for (IpRange range : this.trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> forwardedHops(ServerHttpRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getOrEmpty(FORWARDED_FOR)) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        return hops;
    }

}
