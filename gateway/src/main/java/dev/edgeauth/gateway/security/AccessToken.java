package dev.edgeauth.gateway.security;

import java.time.Instant;
import java.util.List;

/**
 * A verified access token: only what the gateway forwards or needs later.
 *
 * @param subject the user id ({@code sub}), a UUID in canonical lowercase form
 * @param sessionId the session id ({@code sid})
 * @param roles the user's roles, each a simple token (no comma, no space)
 * @param expiresAt {@code exp}
 */
public record AccessToken(String subject, String sessionId, List<String> roles, Instant expiresAt) {

    /** Exchange attribute under which the authentication stage leaves the token. */
    public static final String ATTRIBUTE = AccessToken.class.getName();

}
