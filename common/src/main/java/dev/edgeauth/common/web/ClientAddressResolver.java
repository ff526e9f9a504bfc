package dev.edgeauth.common.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

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

    public ClientAddressResolver(ClientAddressProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().map(IpRange::parse).toList();
    }

    /**
     * The client address of a request, as text ({@code "unknown"} only when the server
     * has no peer address, as in some in-memory tests).
     * @param request the request
     * @return the client IP address
     */
    public String resolve(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = (remote != null) ? remote.getAddress() : null;
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
     * Whether the request's TCP peer is a trusted proxy: the only peer whose forwarded
     * headers (the client address, and in a backend the gateway's identity headers) are
     * believed.
     * @param request the request
     * @return {@code false} too when the server has no peer address
     */
    public boolean isFromTrustedProxy(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = (remote != null) ? remote.getAddress() : null;
        return peer != null && isTrusted(peer);
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
