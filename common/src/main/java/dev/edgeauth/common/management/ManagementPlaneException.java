package dev.edgeauth.common.management;

/**
 * The management plane is configured unsafely or wrongly: it stops start-up, and
 * {@link ManagementPlaneFailureAnalyzer} reports it as one line and an action, without a
 * stack trace (an operator's configuration mistake is not a bug).
 *
 * <p>
 * Its message never contains a secret.
 */
public final class ManagementPlaneException extends RuntimeException {

    private final String action;

    ManagementPlaneException(String reason, String action) {
        super(reason, null, false, false);
        this.action = action;
    }

    /** What the operator should do about it. */
    public String action() {
        return this.action;
    }

}
