package com.coaching.exports.worker.export;

import com.coaching.exports.shared.source.SourceDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/**
 * Streams the output of a {@code COPY … TO STDOUT} out of PostgreSQL, one message (one row) at a
 * time as the server sends it, inside one read-only REPEATABLE READ transaction so the file is one
 * consistent snapshot. It owns its connection, so progress written meanwhile commits on its own.
 * The rows come from the platform's database ({@link SourceDatabase}): a read replica, or the
 * service's own.
 */
@Component
class SnapshotReader {

    private final DataSource dataSource;

    SnapshotReader(SourceDatabase source) {
        this.dataSource = source.dataSource();
    }

    /** Hands each message of {@code copyStatement}'s output to {@code messages}, in order. */
    void copy(String copyStatement, MessageHandler messages) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copyStatement);
            try {
                byte[] message;
                while ((message = copy.readFromCopy()) != null) {
                    messages.handle(message);
                }
            } catch (SQLException | RuntimeException stopped) {
                abort(connection, stopped);
                throw stopped;
            }
            connection.commit();
        } catch (SQLException e) {
            if (!connection.isClosed()) {
                rollback(connection, e);
            }
            throw e;
        } finally {
            JdbcUtils.closeConnection(connection);
        }
    }

    /**
     * Ends the connection of a COPY stopped half way (a cancel, a failed upload, a lost server):
     * PostgreSQL stops sending once it is gone. A cancel request instead would race with the
     * connection's next statement, which it could cancel in its place. The pool is told, so it drops
     * the connection without taking it for broken.
     */
    private void abort(Connection connection, Exception stopped) {
        try {
            connection.abort(Runnable::run);
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            }
        } catch (SQLException e) {
            stopped.addSuppressed(e);
        }
    }

    private static void rollback(Connection connection, SQLException failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Takes one CopyData message. */
    @FunctionalInterface
    interface MessageHandler {
        void handle(byte[] message);
    }
}
