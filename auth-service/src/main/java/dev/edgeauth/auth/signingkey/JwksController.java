package dev.edgeauth.auth.signingkey;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /.well-known/jwks.json}: the public signing keys (RFC 7517 §5), each with
 * {@code kid}, {@code kty}, {@code alg} and {@code use: sig}, never a private parameter.
 *
 * <p>
 * Cacheable for {@code jwks-max-age}: a new key is published at least twice that long
 * before it signs, so a cache fetched before its publication has expired twice by then.
 * The strong {@code ETag} lets a cache revalidate with {@code If-None-Match} and get a
 * 304.
 */
@RestController
class JwksController {

    private final JwksDocuments documents;

    private final CacheControl cacheControl;

    JwksController(JwksDocuments documents, SigningKeyProperties properties) {
        this.documents = documents;
        this.cacheControl = CacheControl.maxAge(properties.jwksMaxAge()).cachePublic();
    }

    // The bytes are written as they are: the JSON is Nimbus's JWK Set serialization.
    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> jwks() {
        JwksDocuments.JwksDocument document = this.documents.current();
        return ResponseEntity.ok().cacheControl(this.cacheControl).eTag(document.etag()).body(document.json());
    }

}
