package dev.edgeauth.common.management;

import java.net.InetAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The start-up check of where a management port listens. It refuses to start:
 * <ul>
 * <li>when the management port is the public port ({@code management.server.port} unset
 * or equal to {@code server.port}): management endpoints would be public;</li>
 * <li>when the management address ({@code management.server.address}; each service's
 * {@code EDGEAUTH_<SERVICE>_MANAGEMENT_ADDRESS}, default {@code 127.0.0.1}) is not a
 * loopback address and a {@link RequiredManagementSecret} is not set.</li>
 * </ul>
 * Off loopback without an operator token that no bean requires (the task-service, whose
 * management port changes nothing), it warns.
 */
public final class ManagementAddressCheck {

    private static final Logger logger = LoggerFactory.getLogger(ManagementAddressCheck.class);

    private ManagementAddressCheck() {
    }

    /**
     * Runs the check.
     * @param environment the service's environment
     * @param properties the operator credential's settings
     * @param required the secrets this service needs off loopback
     * @return the check, passed (a bean, so that it runs once per start)
     * @throws ManagementPlaneException when the service must not start
     */
    public static ManagementAddressCheck verify(Environment environment, ManagementProperties properties,
            List<RequiredManagementSecret> required) {
        ManagementPortType portType = ManagementPortType.get(environment);
        if (portType == ManagementPortType.DISABLED) {
            return new ManagementAddressCheck();
        }
        if (portType == ManagementPortType.SAME) {
            throw new ManagementPlaneException(
                    "management.server.port is unset or equal to server.port: the management endpoints would be public",
                    "Give the management port its own number (by default the service's port + 100).");
        }
        InetAddress address = Binder.get(environment).bind("management.server.address", InetAddress.class).orElse(null);
        if (isLoopback(address)) {
            return new ManagementAddressCheck();
        }
        String where = (address != null) ? address.getHostAddress() : "every interface";
        List<String> missing = required.stream()
            .filter((secret) -> !secret.configured())
            .map(RequiredManagementSecret::variable)
            .sorted()
            .toList();
        if (!missing.isEmpty()) {
            throw new ManagementPlaneException(
                    "The management port listens on " + where + ", not loopback, and " + String.join(" and ", missing)
                            + ((missing.size() == 1) ? " is" : " are") + " not set",
                    "Set " + String.join(" and ", missing) + " (openssl rand -base64 32), or bind the management "
                            + "port to 127.0.0.1 (management.server.address).");
        }
        if (properties.operatorCredential() == null) {
            logger.atWarn()
                .addKeyValue("reason_id", "management_open_off_loopback")
                .log("The management port listens on {}, not loopback, and {} is not set: anyone who reaches it "
                        + "reads its endpoints", where, ManagementProperties.OPERATOR_TOKEN_VARIABLE);
        }
        return new ManagementAddressCheck();
    }

    private static boolean isLoopback(@Nullable InetAddress address) {
        return address != null && address.isLoopbackAddress();
    }

}
