/**
 * Sessions: one sign-in on one device, its refresh tokens, and the caller of a
 * bearer-protected endpoint.
 */
@NullMarked
package dev.edgeauth.auth.session;

import org.jspecify.annotations.NullMarked;
