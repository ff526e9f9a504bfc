/**
 * The HTTP connection below WebFlux: problem bodies for what the HTTP codec refuses, and
 * a lingering close, so a client still sending a refused body reads the answer.
 */
@NullMarked
package dev.edgeauth.common.connection;

import org.jspecify.annotations.NullMarked;
