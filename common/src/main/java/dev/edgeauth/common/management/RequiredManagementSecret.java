package dev.edgeauth.common.management;

import org.springframework.util.Assert;

/**
 * A secret a service cannot do without once its management port is reachable from other
 * hosts: a bean of this type makes {@link ManagementAddressCheck} refuse to start without
 * it (the gateway and the auth-service need the operator token, which guards what their
 * management ports can change; the auth-service also the feed token).
 *
 * @param variable the environment variable that sets it
 * @param configured whether it is set
 */
public record RequiredManagementSecret(String variable, boolean configured) {

    public RequiredManagementSecret {
        Assert.hasText(variable, "variable cannot be empty");
    }

    /**
     * The operator token, for a service whose management port changes state.
     * @param properties the service's management properties
     * @return the requirement
     */
    public static RequiredManagementSecret operatorToken(ManagementProperties properties) {
        return new RequiredManagementSecret(ManagementProperties.OPERATOR_TOKEN_VARIABLE,
                properties.operatorCredential() != null);
    }

}
