package com.coaching.exports.worker.export;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that could not be reached (or went away mid-statement) from a statement it
 * refused: the first is worth another attempt of the job, the second is not.
 */
public final class DatabaseOutage {

    /** SQLSTATE classes: connection exception (08), operator intervention such as a shutdown (57P). */
    private static final String CONNECTION_LOST = "08";

    private static final String SERVER_SHUTDOWN = "57P";

    private DatabaseOutage() {}

    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_LOST)
                            || sql.getSQLState().startsWith(SERVER_SHUTDOWN))) {
                return true;
            }
        }
        return false;
    }
}
