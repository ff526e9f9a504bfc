package dev.edgeauth.gateway.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Verifies access tokens as the contract issues them: a compact JWS signed with Ed25519
 * ({@code alg: EdDSA}, RFC 8037), profiled by RFC 9068.
 *
 * <p>
 * Checks, cheapest first, each refusal with its own reason code: length and alphabet of
 * the compact form; the header ({@code alg} on the allow-list, {@code typ} is
 * {@code at+jwt}, no {@code crit}, no key or key reference carried in the token:
 * {@code jwk}, {@code jku}, {@code x5u}, {@code x5c}); a well-formed {@code kid} naming a
 * key of the JWKS; the signature (Bouncy Castle); then the claims ({@code iss},
 * {@code aud}, {@code exp} required, {@code nbf} and {@code iat} with the clock skew,
 * {@code sub} a UUID, {@code sid}, {@code roles} an array of simple strings).
 */
final class JwsAccessTokenVerifier implements AccessTokenVerifier {

    /**
     * The only accepted algorithm (RFC 8725 §3.1: an allow-list, never the header's
     * word).
     */
    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.EdDSA;

    private static final int SIGNATURE_LENGTH = 64;

    private static final Pattern UUID_TEXT = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Session ids travel in a header: a safe token only. */
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /**
     * Roles are joined with commas into a header: no comma, no space, nothing to split
     * on.
     */
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private static final int MAX_ROLES = 64;

    private final JwksCache keys;

    private final TokenProperties properties;

    private final Clock clock;

    JwsAccessTokenVerifier(JwksCache keys, TokenProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Mono<AccessToken> verify(String token) {
        SignedJWT jws;
        try {
            jws = parse(token);
        }
        catch (InvalidTokenException ex) {
            return Mono.error(ex);
        }
        return this.keys.key(jws.getHeader().getKeyID()).map((key) -> verifySignatureAndClaims(jws, key));
    }

    private SignedJWT parse(String token) {
        if (token.length() > this.properties.maxLength()) {
            throw new InvalidTokenException("too_long");
        }
        if (!isCompactJws(token)) {
            throw new InvalidTokenException("malformed");
        }
        SignedJWT jws;
        try {
            jws = SignedJWT.parse(token);
        }
        catch (ParseException | RuntimeException ex) {
            // Includes alg "none" (an unsecured JWT is not a JWS).
            throw new InvalidTokenException("malformed");
        }
        checkHeader(jws.getHeader());
        return jws;
    }

    // Three base64url segments, the last (signature) possibly empty: anything else (an
    // opaque refresh token, JWE with five parts, padding, spaces) is refused unparsed.
    private static boolean isCompactJws(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
            }
            else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_')) {
                return false;
            }
        }
        return dots == 2;
    }

    private static void checkHeader(JWSHeader header) {
        if (!ALGORITHM.equals(header.getAlgorithm())) {
            throw new InvalidTokenException("algorithm_not_allowed");
        }
        if (!isAccessTokenType(header.getType())) {
            throw new InvalidTokenException("wrong_typ");
        }
        // RFC 7515 §4.1.11: we understand no extension, so any "crit" is a refusal.
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new InvalidTokenException("crit_not_supported");
        }
        // Keys come from the configured JWKS only (RFC 8725 §3.10): a token that carries
        // a key or points at one is forged or foreign.
        if (header.getJWK() != null || header.getJWKURL() != null || header.getX509CertURL() != null
                || header.getX509CertChain() != null) {
            throw new InvalidTokenException("embedded_key_reference");
        }
        String kid = header.getKeyID();
        if (kid == null) {
            throw new InvalidTokenException("missing_kid");
        }
        if (!JwksClient.KID.matcher(kid).matches()) {
            throw new InvalidTokenException("malformed_kid");
        }
    }

    // RFC 9068 §4: "at+jwt", or with the "application/" prefix (RFC 7515 §4.1.9); media
    // types are case-insensitive.
    private static boolean isAccessTokenType(@Nullable JOSEObjectType type) {
        if (type == null) {
            return false;
        }
        String value = type.getType().toLowerCase(Locale.ROOT);
        return value.equals("at+jwt") || value.equals("application/at+jwt");
    }

    private AccessToken verifySignatureAndClaims(SignedJWT jws, Ed25519PublicKeyParameters key) {
        byte[] signature = jws.getSignature().decode();
        if (signature.length != SIGNATURE_LENGTH) {
            throw new InvalidTokenException("bad_signature");
        }
        byte[] signingInput = jws.getSigningInput();
        if (!key.verify(Ed25519.Algorithm.Ed25519, null, signingInput, 0, signingInput.length, signature, 0)) {
            throw new InvalidTokenException("bad_signature");
        }
        JWTClaimsSet claims;
        try {
            claims = jws.getJWTClaimsSet();
            return checkClaims(claims);
        }
        catch (ParseException | ClassCastException ex) {
            throw new InvalidTokenException("malformed_claims");
        }
    }

    private AccessToken checkClaims(JWTClaimsSet claims) throws ParseException {
        if (!this.properties.issuer().equals(claims.getIssuer())) {
            throw new InvalidTokenException("wrong_iss");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(this.properties.audience())) {
            throw new InvalidTokenException("wrong_aud");
        }
        Instant now = this.clock.instant();
        Duration skew = this.properties.clockSkew();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            // RFC 9068 §2.2: exp is REQUIRED (Spring's stock decoder accepts its
            // absence).
            throw new InvalidTokenException("missing_exp");
        }
        // RFC 7519 §4.1.4: the token must not be accepted on or after exp.
        if (!now.isBefore(exp.toInstant().plus(skew))) {
            throw new InvalidTokenException("expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(skew))) {
            throw new InvalidTokenException("not_yet_valid");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && now.isBefore(iat.toInstant().minus(skew))) {
            throw new InvalidTokenException("issued_in_future");
        }
        String subject = claims.getSubject();
        if (subject == null || !UUID_TEXT.matcher(subject).matches()) {
            throw new InvalidTokenException("bad_sub");
        }
        String sessionId = claims.getStringClaim("sid");
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw new InvalidTokenException("bad_sid");
        }
        return new AccessToken(UUID.fromString(subject).toString(), sessionId, roles(claims.getClaim("roles")),
                exp.toInstant());
    }

    private static List<String> roles(@Nullable Object claim) {
        if (!(claim instanceof List<?> values) || values.size() > MAX_ROLES) {
            throw new InvalidTokenException("bad_roles");
        }
        List<String> roles = new ArrayList<>(values.size());
        for (Object value : values) {
            if (!(value instanceof String role) || !ROLE.matcher(role).matches()) {
                throw new InvalidTokenException("bad_roles");
            }
            roles.add(role);
        }
        return List.copyOf(roles);
    }

}
