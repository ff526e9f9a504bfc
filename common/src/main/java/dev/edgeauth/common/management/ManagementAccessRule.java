package dev.edgeauth.common.management;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A part of a management port guarded by its own credential instead of the operator's
 * (the revocation feed, which gateways read with a token that grants nothing else). A
 * bean of this type in a service's context is applied by {@link ManagementAccessFilter}.
 *
 * @param pathPrefix the paths the rule covers: this path and everything below it
 * @param credential what a request there needs; {@code null}: nothing (open to whoever
 * reaches the port)
 * @param name what the credential is, for the 401's detail and the log
 */
public record ManagementAccessRule(String pathPrefix, @Nullable BearerCredential credential, String name) {

    public ManagementAccessRule {
        Assert.isTrue(pathPrefix.startsWith("/") && !pathPrefix.endsWith("/"),
                "pathPrefix must start with '/' and not end with one");
        Assert.hasText(name, "name cannot be empty");
    }

    boolean covers(String path) {
        return path.equals(this.pathPrefix)
                || (path.startsWith(this.pathPrefix) && path.charAt(this.pathPrefix.length()) == '/');
    }

}
