package com.coaching.exports.api.export;

import com.coaching.exports.shared.messaging.JobPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Publishes a new job's message after its transaction committed, without waiting for the
 * confirm: the request answers at once, and an unconfirmed message stays in the outbox.
 */
@Component
class JobQueuedPublisher {

    private final JobPublisher publisher;

    JobQueuedPublisher(JobPublisher publisher) {
        this.publisher = publisher;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @SuppressWarnings("FutureReturnValueIgnored") // the outbox awaits the confirm, and the sweeper sends again
    void publish(JobQueued event) {
        publisher.publish(event.jobId(), event.lane());
    }
}
