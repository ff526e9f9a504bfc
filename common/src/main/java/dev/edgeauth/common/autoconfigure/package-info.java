/**
 * Auto-configuration that gives every service the common web behaviour.
 */
@NullMarked
package dev.edgeauth.common.autoconfigure;

import org.jspecify.annotations.NullMarked;
