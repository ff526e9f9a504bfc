package dev.edgeauth.bench.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The access token every benchmark variant signs and verifies, shaped like the tokens
 * edgeauth issues: header {@code {"alg":..,"typ":"at+jwt","kid":"k1"}} and the claims
 * {@code iss, sub (a UUID), aud, exp, iat, jti, sid, roles ["user"]}.
 *
 * <p>Keeping the token identical across variants means only the signature part differs,
 * so the figures compare algorithms and providers, not payloads.
 */
public final class AccessTokenFixture {

    /** Key id placed in every header. */
    public static final String KEY_ID = "k1";

    /** {@code typ} of an OAuth 2.0 access token in JWT form (RFC 9068). */
    public static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private AccessTokenFixture() {
    }

    /** The JWS header for {@code algorithm}. */
    public static JWSHeader header(JWSAlgorithm algorithm) {
        return new JWSHeader.Builder(algorithm).type(ACCESS_TOKEN_TYPE).keyID(KEY_ID).build();
    }

    /** A fresh claims set issued at {@code now}, with random subject, token and session ids. */
    public static JWTClaimsSet claims(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer("https://auth.edgeauth.dev")
                .subject(UUID.randomUUID().toString())
                .audience("edgeauth-gateway")
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .issueTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", UUID.randomUUID().toString())
                .claim("roles", List.of("user"))
                .build();
    }
}
