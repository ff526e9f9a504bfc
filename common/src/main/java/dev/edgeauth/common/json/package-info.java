/**
 * Contract JSON: snake_case names; strict input with no coercion, no unknown fields, no
 * trailing content.
 */
@NullMarked
package dev.edgeauth.common.json;

import org.jspecify.annotations.NullMarked;
