package dev.edgeauth.auth.signingkey;

import java.text.ParseException;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Reads the published JWKS over HTTP, as a gateway would.
 */
public final class JwksTestClient {

    private final WebTestClient client;

    public JwksTestClient(WebTestClient client) {
        this.client = client;
    }

    /** The JWKS document as JSON objects. */
    public List<Map<String, Object>> keys() {
        String body = this.client.get()
            .uri("/.well-known/jwks.json")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        try {
            return List.of(JSONObjectUtils.getJSONObjectArray(JSONObjectUtils.parse(body), "keys"));
        }
        catch (ParseException ex) {
            throw new AssertionError("The JWKS is not a JWK Set: " + body, ex);
        }
    }

    /** The key ids in the JWKS, in document order. */
    public List<String> kids() {
        return keys().stream().map((key) -> (String) key.get("kid")).toList();
    }

}
