package dev.edgeauth.auth.audit;

/**
 * The {@code outcome} of an audited action.
 */
public enum AuthEventOutcome {

    SUCCESS("success"),

    FAILURE("failure");

    private final String value;

    AuthEventOutcome(String value) {
        this.value = value;
    }

    /** The value stored and shown in the events API. */
    public String value() {
        return this.value;
    }

}
