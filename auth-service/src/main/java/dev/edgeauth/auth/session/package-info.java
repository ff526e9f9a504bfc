/**
 * Sessions: one sign-in on one device, its rotating refresh tokens with reuse detection,
 * logout, and the token response that starts or renews one.
 */
@NullMarked
package dev.edgeauth.auth.session;

import org.jspecify.annotations.NullMarked;
