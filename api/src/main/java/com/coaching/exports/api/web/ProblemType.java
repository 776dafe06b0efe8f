package com.coaching.exports.api.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** The problems this API answers with (RFC 9457): a stable {@code type}, a title and a status. */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "The request is not valid", HttpStatus.BAD_REQUEST),
    UNAUTHENTICATED("unauthenticated", "A valid bearer token is required", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Only trainers can export", HttpStatus.FORBIDDEN),
    LINK_INVALID("link-invalid", "The link is not valid", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "No such export", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    JOB_STATE_CONFLICT("job-state-conflict", "The export is not in a state that allows this", HttpStatus.CONFLICT),
    FILE_EXPIRED("file-expired", "The export's file has expired", HttpStatus.GONE),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", HttpStatus.PAYLOAD_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported content type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    TOO_MANY_SCHEDULES("too-many-schedules", "Too many schedules", HttpStatus.CONFLICT),
    TOO_MANY_ACTIVE_JOBS("too-many-active-jobs", "Too many exports are running", HttpStatus.TOO_MANY_REQUESTS),
    TOO_MANY_WEBHOOKS("too-many-webhooks", "As many webhooks as a trainer may have", HttpStatus.CONFLICT),
    TOO_MANY_DESTINATIONS("too-many-destinations", "As many destinations as a trainer may have", HttpStatus.CONFLICT),
    DESTINATION_IN_USE("destination-in-use", "The destination is still in use", HttpStatus.CONFLICT),
    WEBHOOK_DISABLED("webhook-disabled", "The webhook is disabled", HttpStatus.CONFLICT),
    TOO_MANY_TEST_EVENTS("too-many-test-events", "Too many test events for this webhook", HttpStatus.TOO_MANY_REQUESTS),
    TOO_MANY_STREAMS("too-many-streams", "Too many event streams are open", HttpStatus.TOO_MANY_REQUESTS),
    IDEMPOTENCY_KEY_REUSED(
            "idempotency-key-reused",
            "The idempotency key was used for another request",
            HttpStatus.UNPROCESSABLE_CONTENT),
    SERVICE_UNAVAILABLE(
            "service-unavailable", "The service is unavailable, try again shortly", HttpStatus.SERVICE_UNAVAILABLE),
    INTERNAL_ERROR("internal-error", "Something went wrong on our side", HttpStatus.INTERNAL_SERVER_ERROR);

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public URI type() {
        return URI.create("/problems/" + slug);
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    /** The type for a status that has no more specific problem. */
    public static ProblemType forStatus(int status) {
        for (ProblemType candidate : values()) {
            if (candidate.status.value() == status) {
                return candidate;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }
}
