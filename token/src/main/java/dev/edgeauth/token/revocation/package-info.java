/**
 * The revocation feed's wire format: what the auth-service writes and every gateway reads
 * to refuse the access tokens of ended sessions before they expire.
 */
@NullMarked
package dev.edgeauth.token.revocation;

import org.jspecify.annotations.NullMarked;
