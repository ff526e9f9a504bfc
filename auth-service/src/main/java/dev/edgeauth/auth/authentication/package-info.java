/**
 * The caller of a bearer-protected endpoint: a verified access token whose session is
 * still live, handed to controllers as {@code CurrentSession}.
 */
@NullMarked
package dev.edgeauth.auth.authentication;

import org.jspecify.annotations.NullMarked;
