/**
 * Accounts: signup, login, the caller's account and password change.
 */
@NullMarked
package dev.edgeauth.auth.account;

import org.jspecify.annotations.NullMarked;
