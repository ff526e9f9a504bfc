/**
 * The caller's identity as the gateway forwards it.
 */
@NullMarked
package dev.edgeauth.taskservice.identity;

import org.jspecify.annotations.NullMarked;
