package dev.edgeauth.bench.signing;

import java.security.GeneralSecurityException;

/**
 * One Ed25519 implementation (a JCA provider, or Bouncy Castle's lightweight API) holding
 * one key pair. {@link Ed25519JwsSigner} and {@link Ed25519JwsVerifier} put the JWS
 * plumbing around it, so each backend only deals in raw bytes.
 */
public interface Ed25519Backend {

    /** The 64-byte Ed25519 signature of {@code message} (RFC 8032, pure EdDSA). */
    byte[] sign(byte[] message) throws GeneralSecurityException;

    /** Whether {@code signature} is a valid signature of {@code message} by this key pair. */
    boolean verify(byte[] message, byte[] signature) throws GeneralSecurityException;
}
