/**
 * Tasks: the API, the rules and their storage.
 */
@NullMarked
package dev.edgeauth.taskservice.task;

import org.jspecify.annotations.NullMarked;
