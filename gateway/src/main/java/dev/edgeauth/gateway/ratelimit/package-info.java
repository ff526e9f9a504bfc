/**
 * Fixed-window rate limits per client IP or per user, in memory or shared through Redis,
 * with the IETF {@code RateLimit} headers.
 */
@NullMarked
package dev.edgeauth.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
