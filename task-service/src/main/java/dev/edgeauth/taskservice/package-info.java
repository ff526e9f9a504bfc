/**
 * The task backend.
 */
@NullMarked
package dev.edgeauth.taskservice;

import org.jspecify.annotations.NullMarked;
