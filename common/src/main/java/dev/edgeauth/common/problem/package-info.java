/**
 * Errors as RFC 9457 problems with the contract's stable codes.
 */
@NullMarked
package dev.edgeauth.common.problem;

import org.jspecify.annotations.NullMarked;
