/**
 * The routes file (routes and rate-limit policies) and its reload, the backend URL of a
 * matched route, and the refusal of route writes on the management port.
 */
@NullMarked
package dev.edgeauth.gateway.routing;

import org.jspecify.annotations.NullMarked;
