/**
 * The gateway's request pipeline in one view: every stage, in the order it runs, with the
 * order constant its filter takes.
 */
@NullMarked
package dev.edgeauth.gateway.pipeline;

import org.jspecify.annotations.NullMarked;
