package com.coaching.exports.shared.job;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL notification that a job changed: sent on {@link #CHANNEL} by the statement that
 * changes the job (a move, a progress write, the deletion), so it is delivered at that statement's
 * commit and never for a change rolled back. Its payload is small: {@code <job id>:<version>}, or
 * the job id alone when the job was deleted. The API's event streams listen for it.
 */
public final class JobChanges {

    public static final String CHANNEL = "export_job_changed";

    /** A select-list expression over a row of {@code export_job} that sends the notification. */
    public static final String NOTIFY = "pg_notify('" + CHANNEL + "', id::text || ':' || version)";

    /** The same, for a row that is being deleted: no version, as there is nothing left to read. */
    public static final String NOTIFY_DELETED = "pg_notify('" + CHANNEL + "', id::text)";

    private JobChanges() {}

    /**
     * What a notification's payload says; empty when it is not one of ours.
     *
     * @param version the job's version after the change; {@code null} when it was deleted
     */
    public record Change(UUID jobId, @Nullable Long version) {

        public static Optional<Change> parse(@Nullable String payload) {
            if (payload == null) {
                return Optional.empty();
            }
            int colon = payload.indexOf(':');
            try {
                if (colon < 0) {
                    return Optional.of(new Change(UUID.fromString(payload), null));
                }
                return Optional.of(new Change(
                        UUID.fromString(payload.substring(0, colon)), Long.parseLong(payload.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
