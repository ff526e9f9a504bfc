package dev.edgeauth.auth.token;

import dev.edgeauth.auth.signingkey.SigningKeyProperties;
import dev.edgeauth.token.TokenProperties;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /.well-known/openid-configuration}: the issuer's metadata (OpenID Connect
 * Discovery 1.0 §3, RFC 8414 §2). edgeauth is not an OpenID provider; the document says
 * what a token verifier needs: the issuer and where its keys are. The gateway does not
 * read it (it is configured with the JWKS URL); other verifiers may.
 */
@RestController
class DiscoveryController {

    private final OpenIdConfiguration configuration;

    private final CacheControl cacheControl;

    DiscoveryController(TokenProperties tokens, SigningKeyProperties keys) {
        String issuer = tokens.issuer();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.configuration = new OpenIdConfiguration(issuer, base + "/.well-known/jwks.json");
        this.cacheControl = CacheControl.maxAge(keys.jwksMaxAge()).cachePublic();
    }

    @GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OpenIdConfiguration> openIdConfiguration() {
        return ResponseEntity.ok().cacheControl(this.cacheControl).body(this.configuration);
    }

    /**
     * The discovery document (snake_case by the service's JSON naming).
     *
     * @param issuer the {@code iss} of every token, exactly
     * @param jwksUri the public URL of the JWK Set
     */
    record OpenIdConfiguration(String issuer, String jwksUri) {

    }

}
