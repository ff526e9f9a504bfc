package dev.edgeauth.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Mints access tokens the way the contract describes them, and lets a test bend any part:
 * {@code TestTokens.valid(key).claim("iss", "other").sign()}.
 */
public final class TestTokens {

    public static final String ISSUER = "http://localhost:8080";

    public static final String AUDIENCE = "edgeauth";

    private final TestKey key;

    private final Map<String, Object> header = new LinkedHashMap<>();

    private final Map<String, Object> claims = new LinkedHashMap<>();

    private TestTokens(TestKey key) {
        this.key = key;
    }

    /** A token every check accepts: EdDSA, at+jwt, right iss and aud, 15 minutes left. */
    public static TestTokens valid(TestKey key) {
        Instant now = Instant.now();
        TestTokens token = new TestTokens(key);
        token.header.put("alg", "EdDSA");
        token.header.put("typ", "at+jwt");
        token.header.put("kid", key.kid());
        token.claims.put("iss", ISSUER);
        token.claims.put("sub", UUID.randomUUID().toString());
        token.claims.put("aud", AUDIENCE);
        token.claims.put("exp", now.plusSeconds(900).getEpochSecond());
        token.claims.put("iat", now.getEpochSecond());
        token.claims.put("jti", UUID.randomUUID().toString());
        token.claims.put("sid", UUID.randomUUID().toString());
        token.claims.put("roles", List.of("user"));
        return token;
    }

    public TestTokens header(String name, Object value) {
        this.header.put(name, value);
        return this;
    }

    public TestTokens withoutHeader(String name) {
        this.header.remove(name);
        return this;
    }

    public TestTokens claim(String name, Object value) {
        this.claims.put(name, value);
        return this;
    }

    public TestTokens withoutClaim(String name) {
        this.claims.remove(name);
        return this;
    }

    public TestTokens claims(Consumer<Map<String, Object>> change) {
        change.accept(this.claims);
        return this;
    }

    public Object claimValue(String name) {
        return this.claims.get(name);
    }

    /** Signed with the fixture's key over exactly the header and claims given. */
    public String sign() {
        String signingInput = signingInput();
        return signingInput + "." + Base64URL.encode(this.key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** With the signature bytes given (empty, zeros, another algorithm's). */
    public String withSignature(byte[] signature) {
        return signingInput() + "." + Base64URL.encode(signature);
    }

    public String signingInput() {
        return encode(this.header) + "." + encode(this.claims);
    }

    public static String encode(Map<String, Object> json) {
        return Base64URL.encode(JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8)).toString();
    }

}
