/**
 * Login throttling: failed-login lockout per account and address, and per account, shared
 * through PostgreSQL.
 */
@NullMarked
package dev.edgeauth.auth.login;

import org.jspecify.annotations.NullMarked;
