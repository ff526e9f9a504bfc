/**
 * The caller of a bearer-protected endpoint: the access token verified with the token
 * module's verifier, its session still live, handed to controllers as
 * {@code CurrentSession}.
 */
@NullMarked
package dev.edgeauth.auth.authentication;

import org.jspecify.annotations.NullMarked;
