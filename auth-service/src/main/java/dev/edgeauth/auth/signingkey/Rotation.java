package dev.edgeauth.auth.signingkey;

/**
 * The outcome of a rotation: the key of the next generation, whoever created it.
 *
 * @param key the new key
 * @param created whether this call created it ({@code false}: another instance won the
 * race to the same generation)
 */
public record Rotation(SigningKey key, boolean created) {

}
