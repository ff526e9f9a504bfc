package dev.edgeauth.gateway.identity;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * Headers that belong to one connection and must not be passed on by a proxy (RFC 9110
 * §7.6.1): the fixed ones, and those a message names in its own {@code Connection}
 * header.
 */
final class HopByHopHeaders {

    // Spring Cloud Gateway's list (RemoveHopByHopHeadersFilter), which this replaces.
    private static final List<String> FIXED = List.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
            "proxy-authorization", "proxy-authenticate", "x-application-context", "upgrade");

    // Most messages name nothing in Connection: one shared instance for them.
    private static final HopByHopHeaders FIXED_ONLY = new HopByHopHeaders(List.of());

    private final List<String> namedInConnection;

    private HopByHopHeaders(List<String> namedInConnection) {
        this.namedInConnection = namedInConnection;
    }

    /** The hop-by-hop headers of one message. */
    static HopByHopHeaders of(HttpHeaders headers) {
        List<String> connection = headers.get(HttpHeaders.CONNECTION);
        if (connection == null) {
            return FIXED_ONLY;
        }
        List<String> named = new ArrayList<>();
        for (String value : connection) {
            for (String token : value.split(",")) {
                String name = token.strip();
                if (!name.isEmpty()) {
                    named.add(name);
                }
            }
        }
        return new HopByHopHeaders(named);
    }

    boolean contains(String name) {
        return containsIgnoringCase(FIXED, name) || containsIgnoringCase(this.namedInConnection, name);
    }

    /** A copy of the headers without the hop-by-hop ones. */
    static HttpHeaders removedFrom(HttpHeaders input) {
        HopByHopHeaders hopByHop = of(input);
        HttpHeaders output = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!hopByHop.contains(name)) {
                output.addAll(name, values);
            }
        });
        return output;
    }

    private static boolean containsIgnoringCase(List<String> names, String name) {
        for (String candidate : names) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

}
