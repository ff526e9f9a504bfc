package dev.edgeauth.common.startup;

import org.springframework.util.Assert;

/**
 * A configuration that must not run (a malformed key, a management port open without its
 * secrets): it stops start-up, and {@link StartupRefusalFailureAnalyzer} reports it as
 * Spring Boot's "APPLICATION FAILED TO START" with the one-line reason and the action,
 * without a stack trace (an operator's mistake is not a bug). Each feature subclasses it
 * with its own type.
 *
 * <p>
 * Its message is a single line and never contains a secret.
 */
public abstract class StartupRefusal extends RuntimeException {

    private final String action;

    protected StartupRefusal(String reason, String action) {
        super(reason, null, false, false);
        Assert.hasText(action, "action cannot be empty");
        this.action = action;
    }

    /** What the operator should do about it. */
    public String action() {
        return this.action;
    }

}
