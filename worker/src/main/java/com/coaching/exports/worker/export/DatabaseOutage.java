package com.coaching.exports.worker.export;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that could not be reached (or went away mid-statement) from a statement it
 * refused: the first is worth another attempt of the job, the second is not. A wait for a pooled
 * connection that timed out while the database answered is neither: it is this worker's own
 * congestion ({@link #poolWait}), and no outage.
 */
public final class DatabaseOutage {

    /** SQLSTATE classes: connection exception (08), operator intervention such as a shutdown (57P). */
    private static final String CONNECTION_LOST = "08";

    private static final String SERVER_SHUTDOWN = "57P";

    private DatabaseOutage() {}

    public static boolean causes(Throwable failure) {
        if (poolWait(failure)) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || connectionLost(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure is a wait for a pooled connection that timed out (HikariCP's {@code
     * SQLTransientConnectionException}, "Connection is not available, request timed out") while
     * the pool met no failure to connect: had it, the exception would carry that failure's SQLSTATE
     * and have it as its cause, and the database would be away.
     */
    static boolean poolWait(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException timedOut) {
                for (Throwable behind = timedOut; behind != null; behind = behind.getCause()) {
                    if (connectionLost(behind) || behind instanceof SQLRecoverableException) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static boolean connectionLost(Throwable cause) {
        return cause instanceof SQLException sql
                && sql.getSQLState() != null
                && (sql.getSQLState().startsWith(CONNECTION_LOST)
                        || sql.getSQLState().startsWith(SERVER_SHUTDOWN));
    }
}
