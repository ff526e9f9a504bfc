/**
 * Service-wide infrastructure: the clock, the random source and the scheduler for
 * cryptographic work.
 */
@NullMarked
package dev.edgeauth.auth.system;

import org.jspecify.annotations.NullMarked;
