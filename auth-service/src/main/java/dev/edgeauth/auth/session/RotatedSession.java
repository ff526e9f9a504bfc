package dev.edgeauth.auth.session;

import java.util.List;

/**
 * What a rotation in one statement hands back: the session as the statement left it (its
 * idle expiry slid) and what the access token needs of its user.
 *
 * @param session the session after the use
 * @param email the user's email
 * @param roles the user's roles now
 */
record RotatedSession(Session session, String email, List<String> roles) {

}
