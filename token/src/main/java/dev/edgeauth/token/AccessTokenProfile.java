package dev.edgeauth.token;

import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;

/**
 * The names and shapes of an access token on the wire (contract, "Access token"; RFC
 * 9068): what {@link AccessTokenSigner} writes and {@link AccessTokenVerifier} accepts.
 */
public final class AccessTokenProfile {

    /**
     * The only signature algorithm (RFC 8037): an allow-list, never the header's word.
     */
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.EdDSA;

    /** The {@code typ} header (RFC 9068 §2.1). */
    public static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

    /** The session id claim. */
    public static final String SESSION_ID_CLAIM = "sid";

    /** The roles claim: always an array of strings. */
    public static final String ROLES_CLAIM = "roles";

    /** A key id: what the JWKS publishes (RFC 7638 thumbprints fit). */
    public static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /**
     * A role: joined with commas into a forwarded header, so no comma, no space, nothing
     * to split on.
     */
    public static final Pattern ROLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    /** The most roles a token may carry. */
    public static final int MAX_ROLES = 64;

    /** A token id ({@code jti}): a safe token. */
    public static final Pattern JTI = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private AccessTokenProfile() {
    }

}
