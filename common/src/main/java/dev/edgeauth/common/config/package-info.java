/**
 * Configuration as operators set it: the environment variables' names, old ones still
 * read with a deprecation warning.
 */
@NullMarked
package dev.edgeauth.common.config;

import org.jspecify.annotations.NullMarked;
