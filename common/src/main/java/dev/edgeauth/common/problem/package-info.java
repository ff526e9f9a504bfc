/**
 * Errors as RFC 9457 problems with the stable codes of specs/api.md, and which failures
 * mean a dependency is down (503).
 */
@NullMarked
package dev.edgeauth.common.problem;

import org.jspecify.annotations.NullMarked;
