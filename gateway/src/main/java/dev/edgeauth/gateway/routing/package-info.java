/**
 * Routes declared in a routes file, reloaded when the file changes.
 */
@NullMarked
package dev.edgeauth.gateway.routing;

import org.jspecify.annotations.NullMarked;
