package dev.edgeauth.taskservice.identity;

import java.util.UUID;

/**
 * The caller as the gateway identified it. A controller method that declares a parameter
 * of this type answers 401 to a request the gateway did not authenticate.
 *
 * @param userId the user id ({@code X-User-Id}, the token's {@code sub})
 */
public record ForwardedIdentity(UUID userId) {
}
