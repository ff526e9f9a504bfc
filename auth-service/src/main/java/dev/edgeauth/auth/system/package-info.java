/**
 * What every feature shares: the clock, the random source, the crypto scheduler,
 * transactions a hang-up cannot cut short, and the periodic-task base class.
 */
@NullMarked
package dev.edgeauth.auth.system;

import org.jspecify.annotations.NullMarked;
