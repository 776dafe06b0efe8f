package com.coaching.exports.shared.tx;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs what must only happen once the caller's transaction committed (a log line, a metric, a
 * publish, a file removal): after the commit inside a transaction, never on a rollback; at once
 * outside one. The one place that registers a transaction synchronization.
 */
public final class AfterCommit {

    private AfterCommit() {}

    public static void run(Runnable action) {
        if (!inTransaction()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** Whether what {@link #run} is given waits for a commit. */
    public static boolean inTransaction() {
        return TransactionSynchronizationManager.isSynchronizationActive();
    }
}
