/**
 * The revocation feed client and the set of revoked session ids it maintains.
 */
@NullMarked
package dev.edgeauth.gateway.revocation;

import org.jspecify.annotations.NullMarked;
