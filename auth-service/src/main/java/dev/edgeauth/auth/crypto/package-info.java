/**
 * The key-encryption key (KEK) and what is made from it: AES-GCM sealing of signing keys
 * and other secrets at rest, and one HKDF-derived key per purpose.
 */
@NullMarked
package dev.edgeauth.auth.crypto;

import org.jspecify.annotations.NullMarked;
