/**
 * How a service refuses to start over an operator's configuration mistake: one line, what
 * to do, no stack trace.
 */
@NullMarked
package dev.edgeauth.common.startup;

import org.jspecify.annotations.NullMarked;
