package dev.edgeauth.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.HeaderParameterNames;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.edgeauth.token.InvalidAccessTokenException.Reason;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The one access-token verifier of the platform: the auth-service checks its own
 * endpoints' tokens with it, the gateway every request's. It accepts exactly what
 * {@link AccessTokenSigner} writes, and checks, cheapest first, each refusal with its own
 * {@link Reason}:
 *
 * <ol>
 * <li>At most {@code edgeauth.token.max-length} characters, three base64url parts (RFC
 * 7515 §7.1); anything else (an opaque refresh token, a JWE, padding, spaces) is refused
 * unparsed.</li>
 * <li>{@code alg} is {@code EdDSA} and nothing else: never {@code none}, never an HMAC
 * keyed with a public key (RFC 8725 §3.1).</li>
 * <li>{@code typ} is {@code at+jwt}, or {@code application/at+jwt}, in any case (RFC 9068
 * §4).</li>
 * <li>No header but {@code alg}, {@code typ} and {@code kid}: no {@code crit} (no
 * extension is understood, RFC 7515 §4.1.11), no key or key reference ({@code jwk},
 * {@code jku}, {@code x5u}, {@code x5c}: keys come only from the published set, RFC 8725
 * §3.10), nothing else.</li>
 * <li>{@code kid} present, of the key-id alphabet, naming a key the
 * {@link VerificationKeys} know; the signature (64 bytes) verifies with it.</li>
 * <li>{@code iss} is the configured issuer; {@code aud} names the configured audience
 * (RFC 7519 §4.1.1, §4.1.3).</li>
 * <li>{@code exp} present and now before it plus the skew; {@code nbf}, when present, not
 * after now plus the skew; {@code iat} present and not after now plus the skew (RFC 7519
 * §4.1.4–6, RFC 9068 §2.2).</li>
 * <li>{@code sub} and {@code sid} are UUIDs; {@code jti} is present, a safe token of at
 * most 128 characters; {@code roles} is an array of at most 64 simple tokens (they travel
 * in a comma-joined header).</li>
 * </ol>
 *
 * No I/O of its own: the keys come from the lookup, so this runs on the caller's thread,
 * event loop included.
 */
public final class AccessTokenVerifier {

    private static final Set<String> ALLOWED_HEADERS = Set.of(HeaderParameterNames.ALGORITHM, HeaderParameterNames.TYPE,
            HeaderParameterNames.KEY_ID);

    private static final Set<String> KEY_REFERENCES = Set.of(HeaderParameterNames.JWK, HeaderParameterNames.JWK_SET_URL,
            HeaderParameterNames.X_509_CERT_URL, HeaderParameterNames.X_509_CERT_CHAIN);

    private static final Pattern UUID_TEXT = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final TokenProperties properties;

    private final VerificationKeys keys;

    private final Clock clock;

    public AccessTokenVerifier(TokenProperties properties, VerificationKeys keys, Clock clock) {
        Assert.notNull(properties, "properties cannot be null");
        Assert.notNull(keys, "keys cannot be null");
        Assert.notNull(clock, "clock cannot be null");
        this.properties = properties;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Verifies a bearer token.
     * @param token the compact JWS
     * @return what it says, or an {@link InvalidAccessTokenException} naming the check
     * that refused it
     */
    public Mono<VerifiedAccessToken> verify(String token) {
        SignedJWT jws;
        try {
            jws = parse(token);
        }
        catch (InvalidAccessTokenException ex) {
            return Mono.error(ex);
        }
        String kid = jws.getHeader().getKeyID();
        return this.keys.key(kid)
            .switchIfEmpty(Mono.error(() -> new InvalidAccessTokenException(Reason.UNKNOWN_KID)))
            .map((key) -> verifySignatureAndClaims(jws, kid, key));
    }

    private SignedJWT parse(String token) {
        if (token.length() > this.properties.maxLength()) {
            throw new InvalidAccessTokenException(Reason.TOO_LONG);
        }
        int firstDot = token.indexOf('.');
        int secondDot = (firstDot < 0) ? -1 : token.indexOf('.', firstDot + 1);
        if (!isCompactJws(token) || firstDot < 1 || secondDot < 0) {
            throw new InvalidAccessTokenException(Reason.MALFORMED);
        }
        Base64URL headerPart = new Base64URL(token.substring(0, firstDot));
        Header header;
        try {
            header = Header.parse(headerPart);
        }
        catch (ParseException | RuntimeException ex) {
            throw new InvalidAccessTokenException(Reason.MALFORMED);
        }
        // alg "none" parses as a PlainHeader, an encryption alg as a JWEHeader.
        if (!(header instanceof JWSHeader jwsHeader) || !AccessTokenProfile.ALGORITHM.equals(header.getAlgorithm())) {
            throw new InvalidAccessTokenException(Reason.ALGORITHM_NOT_ALLOWED);
        }
        checkHeader(jwsHeader);
        try {
            return new SignedJWT(headerPart, new Base64URL(token.substring(firstDot + 1, secondDot)),
                    new Base64URL(token.substring(secondDot + 1)));
        }
        catch (ParseException | RuntimeException ex) {
            throw new InvalidAccessTokenException(Reason.MALFORMED);
        }
    }

    // Three base64url segments, the last (signature) possibly empty.
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
        if (!isAccessTokenType(header.getType())) {
            throw new InvalidAccessTokenException(Reason.WRONG_TYP);
        }
        Set<String> included = header.getIncludedParams();
        if (included.contains(HeaderParameterNames.CRITICAL)) {
            throw new InvalidAccessTokenException(Reason.CRIT_NOT_SUPPORTED);
        }
        for (String name : included) {
            if (KEY_REFERENCES.contains(name)) {
                throw new InvalidAccessTokenException(Reason.EMBEDDED_KEY_REFERENCE);
            }
        }
        if (!ALLOWED_HEADERS.containsAll(included)) {
            throw new InvalidAccessTokenException(Reason.UNEXPECTED_HEADER);
        }
        String kid = header.getKeyID();
        if (kid == null) {
            throw new InvalidAccessTokenException(Reason.MISSING_KID);
        }
        if (!AccessTokenProfile.KID.matcher(kid).matches()) {
            throw new InvalidAccessTokenException(Reason.MALFORMED_KID);
        }
    }

    private static boolean isAccessTokenType(@Nullable JOSEObjectType type) {
        if (type == null) {
            return false;
        }
        String value = type.getType().toLowerCase(Locale.ROOT);
        return value.equals("at+jwt") || value.equals("application/at+jwt");
    }

    private VerifiedAccessToken verifySignatureAndClaims(SignedJWT jws, String kid, TokenVerificationKey key) {
        byte[] signingInput = jws.getSigningInput();
        if (!key.verifies(signingInput, jws.getSignature().decode())) {
            throw new InvalidAccessTokenException(Reason.BAD_SIGNATURE);
        }
        try {
            return checkClaims(jws.getJWTClaimsSet(), kid);
        }
        catch (ParseException | ClassCastException ex) {
            throw new InvalidAccessTokenException(Reason.MALFORMED_CLAIMS);
        }
    }

    private VerifiedAccessToken checkClaims(JWTClaimsSet claims, String kid) throws ParseException {
        if (!this.properties.issuer().equals(claims.getIssuer())) {
            throw new InvalidAccessTokenException(Reason.WRONG_ISS);
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(this.properties.audience())) {
            throw new InvalidAccessTokenException(Reason.WRONG_AUD);
        }
        Instant now = this.clock.instant();
        Duration skew = this.properties.clockSkew();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new InvalidAccessTokenException(Reason.MISSING_EXP);
        }
        if (!now.isBefore(exp.toInstant().plus(skew))) {
            throw new InvalidAccessTokenException(Reason.EXPIRED);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(skew))) {
            throw new InvalidAccessTokenException(Reason.NOT_YET_VALID);
        }
        Date iat = claims.getIssueTime();
        if (iat == null) {
            throw new InvalidAccessTokenException(Reason.MISSING_IAT);
        }
        if (now.isBefore(iat.toInstant().minus(skew))) {
            throw new InvalidAccessTokenException(Reason.ISSUED_IN_FUTURE);
        }
        String jti = claims.getJWTID();
        if (jti == null || !AccessTokenProfile.JTI.matcher(jti).matches()) {
            throw new InvalidAccessTokenException(Reason.BAD_JTI);
        }
        UUID userId = uuid(claims.getSubject(), Reason.BAD_SUB);
        UUID sessionId = uuid(claims.getStringClaim(AccessTokenProfile.SESSION_ID_CLAIM), Reason.BAD_SID);
        return new VerifiedAccessToken(userId, sessionId, roles(claims.getClaim(AccessTokenProfile.ROLES_CLAIM)), jti,
                kid, iat.toInstant(), exp.toInstant());
    }

    private static UUID uuid(@Nullable String value, Reason reason) {
        if (value == null || !UUID_TEXT.matcher(value).matches()) {
            throw new InvalidAccessTokenException(reason);
        }
        return UUID.fromString(value);
    }

    private static List<String> roles(@Nullable Object claim) {
        if (!(claim instanceof List<?> values) || values.size() > AccessTokenProfile.MAX_ROLES) {
            throw new InvalidAccessTokenException(Reason.BAD_ROLES);
        }
        List<String> roles = new ArrayList<>(values.size());
        for (Object value : values) {
            if (!(value instanceof String role) || !AccessTokenProfile.ROLE.matcher(role).matches()) {
                throw new InvalidAccessTokenException(Reason.BAD_ROLES);
            }
            roles.add(role);
        }
        return roles;
    }

}
