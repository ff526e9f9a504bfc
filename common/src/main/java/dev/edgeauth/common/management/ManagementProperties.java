package dev.edgeauth.common.management;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's credential for the management port (threat model:
 * specs/threat-model.md).
 *
 * @param operatorToken {@code EDGEAUTH_OPERATOR_TOKEN}: when set (32 to 512 characters of
 * RFC 6750 token syntax), every management endpoint but health and Prometheus needs
 * {@code Authorization: Bearer <it>}; unset (default): the port is open to whoever
 * reaches it, which a loopback address (the default) limits to this host
 * @param operatorTokenPrevious {@code EDGEAUTH_OPERATOR_TOKEN_PREVIOUS}: also accepted
 * while the token is being changed; unset (default): none
 */
@ConfigurationProperties("edgeauth.management")
public record ManagementProperties(@Nullable String operatorToken, @Nullable String operatorTokenPrevious) {

    /** The variable that sets {@link #operatorToken()}, as errors and logs name it. */
    public static final String OPERATOR_TOKEN_VARIABLE = "EDGEAUTH_OPERATOR_TOKEN";

    /**
     * The operator credential.
     * @return the credential, or {@code null} when no operator token is set
     * @throws ManagementPlaneException when a token is malformed
     */
    public @Nullable BearerCredential operatorCredential() {
        return BearerCredential.of(OPERATOR_TOKEN_VARIABLE, this.operatorToken, this.operatorTokenPrevious);
    }

    /**
     * Refuses another secret that is one of the operator's: a holder of that secret (a
     * gateway holding the feed token) must not hold operator power.
     * @param variable the other secret's environment variable
     * @param secret its value, or {@code null}
     * @throws ManagementPlaneException when it equals the operator token or its previous
     * value
     */
    public void requireDistinct(String variable, @Nullable String secret) {
        if (secret != null && !secret.isBlank()
                && (secret.equals(this.operatorToken) || secret.equals(this.operatorTokenPrevious))) {
            throw new ManagementPlaneException(
                    variable + " is the same secret as " + OPERATOR_TOKEN_VARIABLE
                            + ": whoever holds it would hold operator power",
                    "Give " + variable + " a secret of its own.");
        }
    }

    // Records print their components: never the secrets.
    @Override
    public String toString() {
        return "ManagementProperties[operatorToken=" + ((this.operatorToken != null) ? "(set)" : "(unset)")
                + ", operatorTokenPrevious=" + ((this.operatorTokenPrevious != null) ? "(set)" : "(unset)") + "]";
    }

}
