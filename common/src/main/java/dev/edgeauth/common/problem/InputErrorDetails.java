package dev.edgeauth.common.problem;

import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns a rejected input into a detail a client can act on ("field 'title' must be a
 * string"), built only from field names, never from parser messages, which carry Java
 * type names and echo the input.
 */
final class InputErrorDetails {

    private static final int MAX_DEPTH = 16;

    private InputErrorDetails() {
    }

    static String describe(WebExchangeBindException ex) {
        return ex.getFieldErrors()
            .stream()
            .map((error) -> "field '" + error.getField() + "' " + error.getDefaultMessage())
            .collect(Collectors.joining("; "));
    }

    static String describe(ServerWebInputException ex) {
        JacksonException json = findJsonCause(ex);
        if (json != null) {
            return describe(json);
        }
        String reason = ex.getReason();
        if (reason != null && reason.startsWith("No request body")) {
            return "A JSON request body is required";
        }
        if (ex.getMethodParameter() != null && ex.getMethodParameter().getParameterName() != null) {
            return "Parameter '" + ex.getMethodParameter().getParameterName() + "' is missing or malformed";
        }
        return "The request is malformed";
    }

    private static String describe(JacksonException ex) {
        String field = fieldPath(ex);
        if (ex instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (ex instanceof InvalidNullException) {
            return "field '" + field + "' must not be null";
        }
        if (ex instanceof MismatchedInputException) {
            return field.isEmpty() ? "The JSON body has the wrong shape, or content follows the JSON value"
                    : "field '" + field + "' has the wrong type";
        }
        if (ex instanceof StreamReadException) {
            return "The request body is not well-formed JSON";
        }
        return "The JSON body is invalid";
    }

    private static String fieldPath(JacksonException ex) {
        return ex.getPath()
            .stream()
            .map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."));
    }

    private static @Nullable JacksonException findJsonCause(Throwable ex) {
        Throwable current = ex;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current instanceof JacksonException json) {
                return json;
            }
            current = current.getCause();
        }
        return null;
    }

}
