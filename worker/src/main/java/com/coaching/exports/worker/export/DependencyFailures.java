package com.coaching.exports.worker.export;

import com.coaching.exports.shared.job.JobError;
import com.coaching.exports.worker.dependency.Dependency;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Tells a dependency that is down for a moment from a refusal: connection refused or reset,
 * timeouts, a store's 5xx, 408 or 429 ({@code SlowDown}), a database connection lost are the first,
 * and waiting mends them; access denied, no such bucket or a statement PostgreSQL refused are not.
 */
final class DependencyFailures {

    private DependencyFailures() {}

    /** The dependency whose outage caused {@code failure}, or empty when waiting would not mend it. */
    static Optional<Dependency> downIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof S3Exception answered) {
                return transientStatus(answered.statusCode()) ? Optional.of(Dependency.STORE) : Optional.empty();
            }
            if (cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException) {
                return Optional.of(Dependency.STORE);
            }
            if (cause instanceof SdkClientException && noAnswer(cause)) { // refused, reset, timed out
                return Optional.of(Dependency.STORE);
            }
        }
        if (!DatabaseOutage.causes(failure)) {
            return Optional.empty();
        }
        // the service's own database is reached through Spring (progress, leases), the source's COPY through JDBC
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessException || cause instanceof TransactionException) {
                return Optional.of(Dependency.DATABASE);
            }
            if (cause instanceof SQLException) {
                return Optional.of(Dependency.SOURCE);
            }
        }
        return Optional.of(Dependency.DATABASE);
    }

    /**
     * A client failure that came from the network (an I/O error underneath), not from the request
     * itself (one the client could not even build, such as an endpoint that is no URL).
     */
    private static boolean noAnswer(Throwable clientFailure) {
        for (Throwable cause = clientFailure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientStatus(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** The error a failure that waiting would not mend (or no longer may) ends the job with. */
    static JobError errorFor(Exception cause) {
        if (cause instanceof S3Exception refused
                && refused.statusCode() >= 400
                && refused.statusCode() < 500
                && refused.statusCode() != 408
                && refused.statusCode() != 429) {
            return new JobError(
                    JobError.STORAGE_REJECTED,
                    "The file store refused the file (" + refused.statusCode() + "). Please contact support.");
        }
        if (cause instanceof SdkException) {
            return Dependency.STORE.error();
        }
        if (cause instanceof DataAccessException || cause instanceof SQLException) {
            return Dependency.SOURCE.error();
        }
        return new JobError(JobError.EXPORT_FAILED, "The export failed unexpectedly. Please try again.");
    }
}
