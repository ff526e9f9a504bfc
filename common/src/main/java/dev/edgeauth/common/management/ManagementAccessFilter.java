package dev.edgeauth.common.management;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.common.problem.ProblemResponseWriter;
import dev.edgeauth.common.web.IpRange;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Guards a management port (it runs in the management server's own context only). For
 * each request, in this order:
 * <ol>
 * <li>a path that is not plain ({@code [A-Za-z0-9_-]} segments, no empty, dot or encoded
 * ones) is 404: no management path has such a form, so no trick of normalisation can make
 * the check below and the handler see two different paths;</li>
 * <li>a request a browser sends for a page ({@code Origin}, or {@code Sec-Fetch-Site}
 * other than {@code none}) is 403 {@code forbidden}: management clients (curl, probes,
 * scrapers, gateways) send neither, and a page on any site must not be able to make a
 * browser on this host call a loopback port (a bodyless {@code POST} needs no CORS
 * preflight);</li>
 * <li>a path a {@link ManagementAccessRule} covers needs that rule's credential;</li>
 * <li>health ({@code <base>/health}, its groups) and {@code <base>/prometheus} are open:
 * orchestrators and scrapers read them without a secret, and they change nothing;</li>
 * <li>everything else needs the operator credential.</li>
 * </ol>
 * A missing credential leaves that step open: the port's address (loopback by default,
 * {@link ManagementAddressCheck}) is then the guard, and such a request must name the
 * host by an IP address or {@code localhost} in {@code Host}, else 403: a page whose name
 * an attacker re-points at 127.0.0.1 (DNS rebinding) sends its own name. A refused
 * request gets 401 {@code invalid_token} with {@code WWW-Authenticate: Bearer} (RFC 6750
 * §3) and one log line with reason code {@code management_unauthorized}; the secret never
 * reaches a log.
 */
public final class ManagementAccessFilter implements WebFilter, Ordered {

    /** Right after the request id, before any handler reads a body. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private static final Logger logger = LoggerFactory.getLogger(ManagementAccessFilter.class);

    private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_-]+)+");

    private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

    private final Pattern openPaths;

    private final @Nullable BearerCredential operator;

    private final List<ManagementAccessRule> rules;

    private final ProblemResponseWriter problems;

    /**
     * @param basePath the actuator's base path ({@code /actuator} unless configured)
     * @param operator the operator credential, or {@code null} when none is configured
     * @param rules the parts guarded by their own credential
     * @param problems writes the 401 and 404 answers
     */
    public ManagementAccessFilter(String basePath, @Nullable BearerCredential operator,
            List<ManagementAccessRule> rules, ProblemResponseWriter problems) {
        Assert.notNull(basePath, "basePath cannot be null");
        Assert.notNull(rules, "rules cannot be null");
        Assert.notNull(problems, "problems cannot be null");
        this.openPaths = Pattern.compile(Pattern.quote(basePath) + "/(health(/[A-Za-z0-9_-]+)*|prometheus)");
        this.operator = operator;
        this.rules = List.copyOf(rules);
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (!PLAIN_PATH.matcher(path).matches()) {
            return this.problems.write(exchange, ErrorCode.NOT_FOUND, "No such management endpoint");
        }
        if (fromBrowserPage(request.getHeaders())) {
            return refuse(exchange, "management_browser_refused",
                    "Management endpoints do not answer requests made by web pages");
        }
        ManagementAccessRule rule = ruleFor(path);
        BearerCredential required = (rule != null) ? rule.credential() : this.operator;
        boolean open = rule == null && this.openPaths.matcher(path).matches();
        if (required == null && !open && !namedByAddress(request.getHeaders())) {
            return refuse(exchange, "management_host_refused",
                    "Without a configured token, management endpoints answer only requests to an IP address or localhost");
        }
        if (required == null || open || required.matches(request.getHeaders())) {
            return chain.filter(exchange);
        }
        String name = (rule != null) ? rule.name() : "operator token";
        logger.atInfo()
            .addKeyValue("reason_id", "management_unauthorized")
            .addKeyValue("method", request.getMethod().name())
            .addKeyValue("path", path)
            .addKeyValue("credential", name)
            .log("Management request refused: no valid {}", name);
        return this.problems.write(exchange, ErrorCode.INVALID_TOKEN, "A valid " + name + " is required");
    }

    private static boolean fromBrowserPage(HttpHeaders headers) {
        String site = headers.getFirst(SEC_FETCH_SITE);
        return headers.containsHeader(HttpHeaders.ORIGIN) || (site != null && !site.equals("none"));
    }

    // The Host a request names: an IP literal or localhost, never a name someone else
    // controls.
    private static boolean namedByAddress(HttpHeaders headers) {
        InetSocketAddress host = headers.getHost();
        if (host == null) {
            return true;
        }
        String name = host.getHostString();
        return name.equalsIgnoreCase("localhost") || IpRange.parseLiteral(name) != null;
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String reason, String detail) {
        ServerHttpRequest request = exchange.getRequest();
        logger.atInfo()
            .addKeyValue("reason_id", reason)
            .addKeyValue("method", request.getMethod().name())
            .addKeyValue("path", request.getPath().pathWithinApplication().value())
            .log("Management request refused: {}", detail);
        return this.problems.write(exchange, ErrorCode.FORBIDDEN, detail);
    }

    private @Nullable ManagementAccessRule ruleFor(String path) {
        for (ManagementAccessRule rule : this.rules) {
            if (rule.covers(path)) {
                return rule;
            }
        }
        return null;
    }

}
