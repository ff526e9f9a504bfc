/**
 * What every feature shares: the clock, the reseeded random source, the scheduler for
 * cryptographic work, transactions that a hang-up cannot cut short, and the periodic-task
 * base class.
 */
@NullMarked
package dev.edgeauth.auth.system;

import org.jspecify.annotations.NullMarked;
