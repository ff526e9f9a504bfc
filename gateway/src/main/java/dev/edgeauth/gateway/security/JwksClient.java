package dev.edgeauth.gateway.security;

import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.edgeauth.common.logging.DecisionLog;
import dev.edgeauth.token.AccessTokenProfile;
import dev.edgeauth.token.TokenVerificationKey;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Fetches the auth-service's JWK Set (RFC 7517 §5) and keeps only keys the gateway may
 * use: {@code kty: OKP}, {@code crv: Ed25519} (RFC 8037 §2), public, for signatures, with
 * a well-formed {@code kid}. Anything else in the set is skipped, never an error, so a
 * new key type published later cannot break verification with the keys we know.
 */
final class JwksClient {

    private static final DecisionLog decisions = DecisionLog.of(JwksClient.class);

    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    private static final int MAX_KEYS = 100;

    private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,9})\"?");

    private final WebClient client;

    private final URI uri;

    private final Duration timeout;

    JwksClient(URI uri, Duration timeout) {
        this.uri = uri;
        this.timeout = timeout;
        HttpClient http = HttpClient.create()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
            .responseTimeout(timeout);
        // No redirects are followed (Reactor Netty's default): the keys come from this
        // URI only.
        this.client = WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(http))
            .codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES))
            .build();
    }

    URI uri() {
        return this.uri;
    }

    /**
     * Fetches the key set.
     * @return the usable keys and the freshness the server declared (or {@code null})
     */
    Mono<JwksDocument> fetch() {
        return this.client.get()
            .uri(this.uri)
            .accept(MediaType.APPLICATION_JSON)
            .exchangeToMono(this::read)
            .timeout(this.timeout);
    }

    private Mono<JwksDocument> read(ClientResponse response) {
        if (!response.statusCode().is2xxSuccessful()) {
            return response.releaseBody()
                .then(Mono.error(new JwksFetchException("status " + response.statusCode().value())));
        }
        Duration maxAge = maxAge(response.headers().asHttpHeaders());
        return response.bodyToMono(String.class)
            .switchIfEmpty(Mono.error(new JwksFetchException("empty body")))
            .map((body) -> new JwksDocument(parse(body), maxAge));
    }

    static @Nullable Duration maxAge(HttpHeaders headers) {
        String cacheControl = String.join(",", headers.getOrEmpty(HttpHeaders.CACHE_CONTROL));
        var matcher = MAX_AGE.matcher(cacheControl);
        if (cacheControl.toLowerCase().contains(CacheControl.noStore().getHeaderValue()) || !matcher.find()) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(matcher.group(1)));
    }

    static Map<String, TokenVerificationKey> parse(String body) {
        List<Object> keys;
        try {
            keys = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(body, MAX_DOCUMENT_BYTES), "keys");
        }
        catch (ParseException ex) {
            throw new JwksFetchException("not a JWK Set");
        }
        if (keys == null) {
            throw new JwksFetchException("not a JWK Set");
        }
        Map<String, TokenVerificationKey> usable = new HashMap<>();
        for (Object candidate : keys) {
            if (usable.size() == MAX_KEYS) {
                decisions.warn("jwks_too_many_keys", "kept", MAX_KEYS);
                break;
            }
            Map.Entry<String, TokenVerificationKey> key = usableKey(candidate);
            if (key != null) {
                usable.put(key.getKey(), key.getValue());
            }
        }
        return Map.copyOf(usable);
    }

    @SuppressWarnings("unchecked")
    private static Map.@Nullable Entry<String, TokenVerificationKey> usableKey(Object candidate) {
        if (!(candidate instanceof Map<?, ?> map)) {
            return null;
        }
        JWK jwk;
        try {
            jwk = JWK.parse((Map<String, Object>) map);
        }
        catch (ParseException | RuntimeException ex) {
            decisions.debug("jwks_key_skipped", "cause", "unparsable");
            return null;
        }
        String kid = jwk.getKeyID();
        boolean usable = jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve()) && !okp.isPrivate()
                && (okp.getKeyUse() == null || KeyUse.SIGNATURE.equals(okp.getKeyUse()))
                && (okp.getAlgorithm() == null || JWSAlgorithm.EdDSA.equals(okp.getAlgorithm())) && kid != null
                && AccessTokenProfile.KID.matcher(kid).matches();
        if (!usable) {
            decisions.debug("jwks_key_skipped", "cause", "not_an_ed25519_signing_key");
            return null;
        }
        try {
            byte[] x = ((OctetKeyPair) jwk).getX().decode();
            if (x.length != 32) {
                throw new IllegalArgumentException("wrong length");
            }
            return Map.entry(kid, TokenVerificationKey.ed25519(x));
        }
        catch (RuntimeException ex) {
            // Wrong length or not a point on the curve.
            decisions.warn("jwks_key_skipped", "cause", "invalid_public_key", "kid", kid);
            return null;
        }
    }

    /**
     * A fetched key set.
     *
     * @param keys usable keys by {@code kid}
     * @param maxAge the freshness the server declared, or {@code null}
     */
    record JwksDocument(Map<String, TokenVerificationKey> keys, @Nullable Duration maxAge) {

    }

    /** The key set could not be fetched or read; the message is safe to log. */
    static final class JwksFetchException extends RuntimeException {

        JwksFetchException(String message) {
            super(message, null, false, false);
        }

    }

}
