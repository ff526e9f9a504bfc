/**
 * Request ids and the client address, shared by every service.
 */
@NullMarked
package dev.edgeauth.common.web;

import org.jspecify.annotations.NullMarked;
