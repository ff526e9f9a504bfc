/**
 * The identity the gateway forwards to the backends behind it, as the wire contract names
 * it.
 */
@NullMarked
package dev.edgeauth.common.identity;

import org.jspecify.annotations.NullMarked;
