package dev.edgeauth.auth.signingkey;

/**
 * Why a key was created; recorded in the {@code key_rotated} audit row.
 */
enum RotationTrigger {

    /** The first key, at the first start on an empty database. */
    INITIAL("initial"),

    /** The rotation interval of the newest key ran out. */
    SCHEDULE("schedule"),

    /** An operator asked for it. */
    OPERATOR("operator");

    private final String value;

    RotationTrigger(String value) {
        this.value = value;
    }

    String value() {
        return this.value;
    }

}
