package dev.edgeauth.auth.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.HeaderParameterNames;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.edgeauth.auth.signingkey.SigningAlgorithm;
import dev.edgeauth.auth.signingkey.SigningKey;
import dev.edgeauth.auth.signingkey.SigningKeyService;
import dev.edgeauth.auth.system.TokenProperties;
import dev.edgeauth.auth.token.InvalidAccessTokenException.Reason;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Verifies access tokens for the auth-service's own endpoints (such as {@code /auth/me}),
 * with every check the contract and RFC 9068 §4 demand. Spring Security's JWT support has
 * no EdDSA, so this is our own, and deliberately narrow: it accepts exactly the tokens
 * {@link AccessTokenMinter} makes.
 *
 * <ol>
 * <li>A compact JWS of at most {@value #MAX_LENGTH} characters (RFC 7515 §7.1).</li>
 * <li>{@code alg} is the signing algorithm's and nothing else: never {@code none}, never
 * an HMAC keyed with a public key (RFC 8725 §3.1).</li>
 * <li>{@code typ} is {@code at+jwt} (RFC 9068 §4, also its {@code application/}
 * form).</li>
 * <li>No header but {@code alg}, {@code typ} and {@code kid}: keys come only from our own
 * published set, never from {@code jku}, {@code jwk}, {@code x5u} or {@code x5c} (RFC
 * 8725 §3.10), and no {@code crit} extension is understood (RFC 7515 §4.1.11).</li>
 * <li>{@code kid} names a key published now, and its signature verifies.</li>
 * <li>{@code exp} is present and not passed, {@code nbf} and {@code iat} are not in the
 * future, each with the clock skew as leeway (RFC 7519 §4.1.4, §4.1.5).</li>
 * <li>{@code iss} is the configured issuer and {@code aud} names the configured audience
 * (RFC 7519 §4.1.1, §4.1.3).</li>
 * <li>{@code sub} and {@code sid} are UUIDs, {@code jti} and {@code iat} are present,
 * {@code roles} is an array of strings.</li>
 * </ol>
 *
 * No I/O: keys are in memory, so this runs on the caller's thread, event loop included.
 */
@Component
public class AccessTokenVerifier {

    /** Longer tokens are refused unparsed; ours are a few hundred characters. */
    static final int MAX_LENGTH = 4096;

    private static final Set<String> ALLOWED_HEADERS = Set.of(HeaderParameterNames.ALGORITHM, HeaderParameterNames.TYPE,
            HeaderParameterNames.KEY_ID);

    private static final Set<String> ACCESS_TOKEN_TYPES = Set.of("at+jwt", "application/at+jwt");

    private static final Pattern CANONICAL_UUID = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final SigningKeyService keys;

    private final JWSAlgorithm allowedAlgorithm;

    private final String issuer;

    private final String audience;

    private final Duration clockSkew;

    private final Clock clock;

    public AccessTokenVerifier(SigningKeyService keys, SigningAlgorithm algorithm, TokenProperties properties,
            Clock clock) {
        Assert.notNull(keys, "keys cannot be null");
        Assert.notNull(algorithm, "algorithm cannot be null");
        Assert.notNull(properties, "properties cannot be null");
        Assert.notNull(clock, "clock cannot be null");
        this.keys = keys;
        this.allowedAlgorithm = algorithm.jwsAlgorithm();
        this.issuer = properties.issuer();
        this.audience = properties.audience();
        this.clockSkew = properties.clockSkew();
        this.clock = clock;
    }

    /**
     * Verifies a bearer token.
     * @param token the compact JWS
     * @return what it says
     * @throws InvalidAccessTokenException (401 {@code invalid_token}) when any check
     * fails
     */
    public VerifiedAccessToken verify(String token) {
        Instant now = this.clock.instant();
        SignedJWT jwt = parse(token);
        JWSHeader header = jwt.getHeader();
        checkHeader(header);
        SigningKey key = this.keys.ring().verificationKey(header.getKeyID(), now);
        if (key == null) {
            throw new InvalidAccessTokenException(Reason.UNKNOWN_KEY);
        }
        checkSignature(jwt, key);
        return checkClaims(claims(jwt), key, now);
    }

    private SignedJWT parse(String token) {
        if (token.length() > MAX_LENGTH) {
            throw new InvalidAccessTokenException(Reason.MALFORMED);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidAccessTokenException(Reason.MALFORMED);
        }
        Header header;
        try {
            header = Header.parse(new Base64URL(parts[0]));
        }
        catch (ParseException ex) {
            throw new InvalidAccessTokenException(Reason.MALFORMED);
        }
        // alg "none" parses as a PlainHeader, an encryption alg as a JWEHeader: both are
        // refused here, before anything else is looked at.
        if (!(header instanceof JWSHeader) || !this.allowedAlgorithm.equals(header.getAlgorithm())) {
            throw new InvalidAccessTokenException(Reason.ALGORITHM_NOT_ALLOWED);
        }
        try {
            return new SignedJWT(new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2]));
        }
        catch (ParseException ex) {
            throw new InvalidAccessTokenException(Reason.MALFORMED);
        }
    }

    private void checkHeader(JWSHeader header) {
        if (!this.allowedAlgorithm.equals(header.getAlgorithm())) {
            throw new InvalidAccessTokenException(Reason.ALGORITHM_NOT_ALLOWED);
        }
        JOSEObjectType type = header.getType();
        if (type == null || !ACCESS_TOKEN_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
            throw new InvalidAccessTokenException(Reason.WRONG_TYPE);
        }
        if (!ALLOWED_HEADERS.containsAll(header.getIncludedParams())) {
            throw new InvalidAccessTokenException(Reason.UNEXPECTED_HEADER);
        }
        if (header.getKeyID() == null) {
            throw new InvalidAccessTokenException(Reason.UNKNOWN_KEY);
        }
    }

    private static void checkSignature(SignedJWT jwt, SigningKey key) {
        boolean valid;
        try {
            valid = jwt.verify(key.verifier());
        }
        catch (JOSEException ex) {
            valid = false;
        }
        if (!valid) {
            throw new InvalidAccessTokenException(Reason.BAD_SIGNATURE);
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        }
        catch (ParseException ex) {
            throw new InvalidAccessTokenException(Reason.MALFORMED);
        }
    }

    private VerifiedAccessToken checkClaims(JWTClaimsSet claims, SigningKey key, Instant now) {
        Instant expiresAt = instant(claims.getExpirationTime());
        if (expiresAt == null) {
            throw new InvalidAccessTokenException(Reason.MISSING_EXPIRY);
        }
        // RFC 7519 §4.1.4: the current time MUST be before exp ("leeway" for skew).
        if (!now.isBefore(expiresAt.plus(this.clockSkew))) {
            throw new InvalidAccessTokenException(Reason.EXPIRED);
        }
        Instant notBefore = instant(claims.getNotBeforeTime());
        Instant issuedAt = instant(claims.getIssueTime());
        Instant latestAcceptable = now.plus(this.clockSkew);
        if ((notBefore != null && notBefore.isAfter(latestAcceptable))
                || (issuedAt != null && issuedAt.isAfter(latestAcceptable))) {
            throw new InvalidAccessTokenException(Reason.NOT_YET_VALID);
        }
        if (!this.issuer.equals(claims.getIssuer())) {
            throw new InvalidAccessTokenException(Reason.WRONG_ISSUER);
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(this.audience)) {
            throw new InvalidAccessTokenException(Reason.WRONG_AUDIENCE);
        }
        UUID userId = uuid(claims.getSubject());
        UUID sessionId = uuid(stringClaim(claims, "sid"));
        String jti = claims.getJWTID();
        List<String> roles = roles(claims);
        if (issuedAt == null || jti == null || jti.isEmpty()) {
            throw new InvalidAccessTokenException(Reason.MISSING_CLAIM);
        }
        return new VerifiedAccessToken(userId, sessionId, roles, jti, key.kid(), issuedAt, expiresAt);
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return (date != null) ? date.toInstant() : null;
    }

    private static @Nullable String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        }
        catch (ParseException ex) {
            throw new InvalidAccessTokenException(Reason.MISSING_CLAIM);
        }
    }

    private static List<String> roles(JWTClaimsSet claims) {
        try {
            List<String> roles = claims.getStringListClaim("roles");
            if (roles == null || roles.contains(null)) {
                throw new InvalidAccessTokenException(Reason.MISSING_CLAIM);
            }
            return roles;
        }
        catch (ParseException ex) {
            throw new InvalidAccessTokenException(Reason.MISSING_CLAIM);
        }
    }

    private static UUID uuid(@Nullable String value) {
        if (value == null || !CANONICAL_UUID.matcher(value).matches()) {
            throw new InvalidAccessTokenException(Reason.MISSING_CLAIM);
        }
        return UUID.fromString(value);
    }

}
