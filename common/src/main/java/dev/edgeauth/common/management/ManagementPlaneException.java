package dev.edgeauth.common.management;

import dev.edgeauth.common.startup.StartupRefusal;

/**
 * The management plane is configured unsafely or wrongly (a port open off loopback
 * without its secrets, a malformed token): the service does not start.
 */
public final class ManagementPlaneException extends StartupRefusal {

    ManagementPlaneException(String reason, String action) {
        super(reason, action);
    }

}
