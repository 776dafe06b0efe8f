package com.coaching.exports.shared.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The outbox entries of messages the broker confirmed, removed many to a statement. A sender that
 * records a confirm while another sender is removing entries leaves its entry to that one, which
 * takes every entry waiting before it lets go. So one confirm at a time costs a statement and a
 * commit as before, and a burst of confirms costs a few. An entry that is not removed (the database
 * is away) stays for the outbox sweeper, which publishes its message again: a duplicate is harmless.
 */
final class ConfirmedEntries {

    private static final Logger log = LoggerFactory.getLogger(ConfirmedEntries.class);
    /** The most entries one statement removes. */
    static final int BATCH = 500;

    private final OutboxRepository outbox;
    private final ConcurrentLinkedQueue<UUID> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean removing = new AtomicBoolean();

    ConfirmedEntries(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /**
     * Removes the job's entry, with the others waiting, unless another thread is removing entries
     * now: that one removes it before it returns.
     */
    void remove(UUID jobId) {
        waiting.add(jobId);
        while (!waiting.isEmpty() && removing.compareAndSet(false, true)) {
            try {
                removeWaiting();
            } finally {
                removing.set(false);
            }
        }
    }

    private void removeWaiting() {
        List<UUID> batch = new ArrayList<>();
        for (UUID next = waiting.poll(); next != null; next = batch.size() < BATCH ? waiting.poll() : null) {
            batch.add(next);
        }
        try {
            outbox.remove(batch);
        } catch (DataAccessException e) {
            log.warn("outbox not updated jobs={} reason=\"{}\"", batch, e.getMessage());
        }
    }
}
