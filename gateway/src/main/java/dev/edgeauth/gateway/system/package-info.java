/**
 * Request-size limit, backend failures as 503 problems, and shared infrastructure beans.
 */
@NullMarked
package dev.edgeauth.gateway.system;

import org.jspecify.annotations.NullMarked;
