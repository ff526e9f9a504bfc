package dev.edgeauth.auth.signingkey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.jspecify.annotations.Nullable;

/**
 * Builds the JWK Set document (RFC 7517 §5) of the keys published now, and its entity
 * tag. The last document is kept and rebuilt only when the set of published keys changes.
 */
final class JwksDocuments {

    private final SigningKeyService keys;

    private final Clock clock;

    private volatile @Nullable JwksDocument last;

    JwksDocuments(SigningKeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The document for the keys published now. */
    JwksDocument current() {
        List<SigningKey> published = this.keys.ring().published(this.clock.instant());
        List<String> kids = published.stream().map(SigningKey::kid).toList();
        JwksDocument cached = this.last;
        if (cached != null && cached.kids().equals(kids)) {
            return cached;
        }
        // toPublicJWK() on a key that has no private part is a copy; it guards the rule
        // that a JWKS never carries one (RFC 7517 §9.1).
        List<JWK> jwks = published.stream().map((key) -> key.publicJwk().toPublicJWK()).toList();
        byte[] json = new JWKSet(jwks).toString(true).getBytes(StandardCharsets.UTF_8);
        JwksDocument document = new JwksDocument(kids, json, entityTag(json));
        this.last = document;
        return document;
    }

    private static String entityTag(byte[] json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    /**
     * A JWK Set as served.
     *
     * @param kids the key ids it holds, newest first
     * @param json the document
     * @param etag its strong entity tag (RFC 9110 §8.8.3), quoted
     */
    record JwksDocument(List<String> kids, byte[] json, String etag) {

    }

}
