/**
 * The edgeauth gateway: the only public entry of the platform.
 */
@NullMarked
package dev.edgeauth.gateway;

import org.jspecify.annotations.NullMarked;
