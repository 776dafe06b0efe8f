package com.coaching.exports.worker.storage;

import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an upload does when a call to the store failed, after the client's own retries: wait for the
 * store and try the same call again (the parts it confirmed stay confirmed), or give up.
 */
@FunctionalInterface
public interface StoreOutage {

    /** Gives up at once: the failure ends the upload. */
    StoreOutage GIVE_UP = (failure, heldSinceNanos) -> {
        throw failure;
    };

    /**
     * Returns once the failed call may be tried again, or throws ({@code failure}, or what stops the
     * export) when the upload gives up.
     *
     * @param heldSinceNanos {@link System#nanoTime()} when this upload first waited for the store
     */
    void await(SdkException failure, long heldSinceNanos) throws IOException;
}
