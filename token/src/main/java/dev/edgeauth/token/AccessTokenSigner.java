package dev.edgeauth.token;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.util.Assert;

/**
 * Writes an access token exactly as the contract describes it: a compact JWS (RFC 7515)
 * with the header {@code alg: EdDSA}, {@code typ: at+jwt} and {@code kid} (nothing else),
 * and the claims {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code iat},
 * {@code jti}, {@code sid} and {@code roles} (RFC 9068 §2.2). Everything it writes,
 * {@link AccessTokenVerifier} accepts.
 *
 * <p>
 * Signing takes tens of microseconds (Ed25519), so it runs on the caller's thread, event
 * loop included.
 */
public final class AccessTokenSigner {

    private final TokenProperties properties;

    public AccessTokenSigner(TokenProperties properties) {
        Assert.notNull(properties, "properties cannot be null");
        this.properties = properties;
    }

    /**
     * @param claims what the token says
     * @param kid the id of the signing key, as the JWKS publishes it
     * @param key the signing key
     * @return the compact JWS
     */
    public String sign(AccessTokenClaims claims, String kid, TokenSigningKey key) {
        Assert.isTrue(AccessTokenProfile.KID.matcher(kid).matches(), "kid is not a key id");
        JWSHeader header = new JWSHeader.Builder(AccessTokenProfile.ALGORITHM).type(AccessTokenProfile.TYPE)
            .keyID(kid)
            .build();
        JWTClaimsSet body = new JWTClaimsSet.Builder().issuer(this.properties.issuer())
            .subject(claims.userId().toString())
            .audience(this.properties.audience())
            .expirationTime(Date.from(claims.expiresAt()))
            .issueTime(Date.from(claims.issuedAt()))
            .jwtID(claims.jti())
            .claim(AccessTokenProfile.SESSION_ID_CLAIM, claims.sessionId().toString())
            .claim(AccessTokenProfile.ROLES_CLAIM, claims.roles())
            .build();
        String signingInput = header.toBase64URL() + "." + Base64URL.encode(body.toString());
        byte[] signature = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64URL.encode(signature);
    }

}
