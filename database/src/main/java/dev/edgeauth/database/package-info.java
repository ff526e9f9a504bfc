/**
 * The database of a service that has one: a configured PostgreSQL server or an embedded
 * one, one schema per service, and its failures answered 503.
 */
@NullMarked
package dev.edgeauth.database;

import org.jspecify.annotations.NullMarked;
