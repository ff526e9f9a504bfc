/**
 * PostgreSQL connection: a configured server or an embedded one, one schema per service.
 */
@NullMarked
package dev.edgeauth.common.database;

import org.jspecify.annotations.NullMarked;
