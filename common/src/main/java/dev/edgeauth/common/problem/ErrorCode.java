package dev.edgeauth.common.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The stable error codes of the edgeauth contract, each with the HTTP status it is sent
 * with.
 *
 * <p>
 * Clients branch on {@link #code()}, never on the title or the detail. The problem
 * {@code type} is a tag URI (RFC 4151): an identifier that is stable but deliberately not
 * dereferenceable (RFC 9457 §3.1.1).
 */
public enum ErrorCode {

    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid_request", "Invalid request"),

    INVALID_EMAIL(HttpStatus.BAD_REQUEST, "invalid_email", "Invalid email address"),

    WEAK_PASSWORD(HttpStatus.BAD_REQUEST, "weak_password", "Password does not meet the policy"),

    INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Invalid credentials"),

    INVALID_GRANT(HttpStatus.UNAUTHORIZED, "invalid_grant", "Invalid grant"),

    INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "invalid_token", "Invalid token"),

    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),

    NOT_FOUND(HttpStatus.NOT_FOUND, "not_found", "Not found"),

    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed"),

    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "Not acceptable"),

    EMAIL_TAKEN(HttpStatus.CONFLICT, "email_taken", "Email already registered"),

    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "Payload too large"),

    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Unsupported media type"),

    URI_TOO_LONG(HttpStatus.URI_TOO_LONG, "uri_too_long", "URI too long"),

    REQUEST_HEADER_FIELDS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request_header_fields_too_large",
            "Request header fields too large"),

    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "Too many requests"),

    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Internal error"),

    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable");

    private static final String TYPE_PREFIX = "tag:edgeauth.dev,2026:problem:";

    private final HttpStatus status;

    private final String code;

    private final String title;

    ErrorCode(HttpStatus status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public HttpStatus status() {
        return this.status;
    }

    public String code() {
        return this.code;
    }

    public String title() {
        return this.title;
    }

    public URI type() {
        return URI.create(TYPE_PREFIX + this.code);
    }

    /**
     * The code a framework error of this status is reported with when nothing more
     * specific is known.
     * @param status the HTTP status of the error
     * @return the matching code; {@link #INTERNAL_ERROR} for an unknown 5xx,
     * {@link #INVALID_REQUEST} for an unknown 4xx
     */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 401 -> INVALID_TOKEN;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 431 -> REQUEST_HEADER_FIELDS_TOO_LARGE;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> (status >= 500) ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }

}
