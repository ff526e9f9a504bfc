/**
 * How a service leaves a load balancer when it stops: readiness down first, then a drain,
 * then the graceful shutdown.
 */
@NullMarked
package dev.edgeauth.common.shutdown;

import org.jspecify.annotations.NullMarked;
