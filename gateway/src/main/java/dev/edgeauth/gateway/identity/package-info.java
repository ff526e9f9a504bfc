/**
 * The identity headers forwarded to backends, set after every other header rule has run.
 */
@NullMarked
package dev.edgeauth.gateway.identity;

import org.jspecify.annotations.NullMarked;
