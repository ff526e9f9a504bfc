/**
 * Authentication at the edge: bearer-token extraction, access-token verification (EdDSA,
 * RFC 8037; RFC 9068 profile) and the JWKS cache.
 */
@NullMarked
package dev.edgeauth.gateway.security;

import org.jspecify.annotations.NullMarked;
