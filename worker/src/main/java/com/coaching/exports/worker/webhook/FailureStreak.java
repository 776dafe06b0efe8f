package com.coaching.exports.worker.webhook;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint's unbroken run of failures, as its rows hold it: since when it has failed without a
 * single success ({@code failingSince}, null when it is not failing) and whether it still owes events.
 * A streak ends at a success, and also when the endpoint owes nothing more (its last event was given
 * up): an event given up long ago does not count against the endpoint at its next failure.
 */
record FailureStreak(@Nullable Instant failingSince, boolean owes) {

    /**
     * What a failed try at {@code now} makes of the streak (the endpoint's rows read after the try was
     * recorded): the endpoint is disabled when it has been failing for {@code disableAfter} or longer,
     * counted from the first failure after its last success.
     */
    Standing afterFailure(Instant now, Duration disableAfter) {
        Instant since = failingSince == null ? now : failingSince;
        if (!since.plus(disableAfter).isAfter(now)) {
            return new Standing(since, true);
        }
        return new Standing(owes ? since : null, false);
    }

    /** The streak after the failure ({@code failingSince} null: it ended), and whether to disable the endpoint. */
    record Standing(@Nullable Instant failingSince, boolean disable) {}
}
