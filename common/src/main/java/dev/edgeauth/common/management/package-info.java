/**
 * The management plane of every service: where its management port listens, and the
 * bearer credentials (operator, revocation feed) that guard what is on it.
 */
@NullMarked
package dev.edgeauth.common.management;

import org.jspecify.annotations.NullMarked;
