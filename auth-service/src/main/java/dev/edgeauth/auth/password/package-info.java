/**
 * Passwords: the policy of new ones, Argon2id hashing on a bounded scheduler, and the
 * gate that bounds it.
 */
@NullMarked
package dev.edgeauth.auth.password;

import org.jspecify.annotations.NullMarked;
