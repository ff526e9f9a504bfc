/**
 * The HTTP connection below WebFlux, the same on every service: a problem body for
 * requests the HTTP codec refuses before any application code runs, and a lingering
 * close, so a client still sending a refused body reads the answer instead of a reset.
 */
@NullMarked
package dev.edgeauth.common.connection;

import org.jspecify.annotations.NullMarked;
