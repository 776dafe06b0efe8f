package com.coaching.exports.worker.storage;

import java.io.IOException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The store calls of one upload, each made again after the store failed it, as often as its {@link
 * StoreOutage} allows: one hold per upload, counted from its first failure.
 */
final class HeldCalls {

    private final StoreOutage outage;
    /** {@link System#nanoTime()} of the upload's first failed call; 0: none yet. */
    private long heldSince;

    HeldCalls(StoreOutage outage) {
        this.outage = outage;
    }

    /** Makes {@code call}, and again each time the outage has it tried again after a failure. */
    <T> T call(Supplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (SdkException failed) {
            return again(failed, call);
        }
    }

    /** Hands {@code failed} to the outage, then makes {@code call} again until it succeeds or the outage gives up. */
    <T> T again(SdkException failed, Supplier<T> call) throws IOException {
        if (heldSince == 0) {
            heldSince = System.nanoTime();
        }
        SdkException failure = failed;
        while (true) {
            outage.await(failure, heldSince);
            try {
                return call.get();
            } catch (SdkException next) {
                failure = next;
            }
        }
    }
}
