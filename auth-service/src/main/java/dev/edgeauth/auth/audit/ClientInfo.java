package dev.edgeauth.auth.audit;

import dev.edgeauth.common.web.ClientAddressResolver;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Who is calling, as far as sessions and the audit log record it: the client address (as
 * the gateway determined it: {@code X-Forwarded-For} from a trusted proxy, else the peer)
 * and the user agent, cut to a bounded length with control characters escaped, so a
 * hostile header cannot forge log or table content.
 *
 * @param ip the client address
 * @param userAgent the sanitized user agent, or {@code null} when none was sent
 */
public record ClientInfo(String ip, @Nullable String userAgent) {

    /**
     * Longer user agents are cut: they are for people reading a session list or an audit
     * trail.
     */
    public static final int MAX_USER_AGENT_LENGTH = 256;

    public static ClientInfo of(ServerHttpRequest request, ClientAddressResolver addresses) {
        return new ClientInfo(addresses.resolve(request),
                sanitize(request.getHeaders().getFirst(HttpHeaders.USER_AGENT)));
    }

    static @Nullable String sanitize(@Nullable String userAgent) {
        if (userAgent == null) {
            return null;
        }
        StringBuilder safe = new StringBuilder(Math.min(userAgent.length(), MAX_USER_AGENT_LENGTH));
        for (int i = 0; i < userAgent.length() && safe.length() < MAX_USER_AGENT_LENGTH; i++) {
            char c = userAgent.charAt(i);
            if (Character.isISOControl(c)) {
                safe.append(String.format("\\u%04x", (int) c));
            }
            else {
                safe.append(c);
            }
        }
        return (safe.length() > MAX_USER_AGENT_LENGTH) ? safe.substring(0, MAX_USER_AGENT_LENGTH) : safe.toString();
    }

}
