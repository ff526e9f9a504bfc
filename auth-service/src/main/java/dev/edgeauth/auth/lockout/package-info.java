/**
 * The failed-login lockout: per account and address, and per account shared across
 * addresses, kept in PostgreSQL; device tokens exempt a device that signed in before.
 */
@NullMarked
package dev.edgeauth.auth.lockout;

import org.jspecify.annotations.NullMarked;
