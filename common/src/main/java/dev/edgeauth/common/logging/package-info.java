/**
 * Decision logs: one line per decision with a stable {@code reason_id} and its facts, as
 * fields in the JSON logs and as {@code key=value} in plain text.
 */
@NullMarked
package dev.edgeauth.common.logging;

import org.jspecify.annotations.NullMarked;
