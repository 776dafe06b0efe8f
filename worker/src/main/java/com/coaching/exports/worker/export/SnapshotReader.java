package com.coaching.exports.worker.export;

import com.coaching.exports.shared.dataset.CopyQuery;
import com.coaching.exports.shared.source.SourceDatabase;
import com.coaching.exports.worker.WorkerProperties;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/**
 * Streams the output of a {@code COPY … TO STDOUT} out of PostgreSQL, one message (one row) at a
 * time as the server sends it, inside one read-only REPEATABLE READ transaction so the file is one
 * consistent snapshot (a bundle's several COPYs, {@link #read}, one after the other in it), whose instant it returns: the transaction's {@code now()}, read by the
 * statement that takes the snapshot. It owns its connection, so progress written meanwhile commits on its own.
 * The rows come from the platform's database ({@link SourceDatabase}): a read replica, or the
 * service's own.
 */
@Component
class SnapshotReader {

    private final DataSource dataSource;
    private final Duration readTimeout;

    SnapshotReader(SourceDatabase source, WorkerProperties properties) {
        this.dataSource = source.dataSource();
        this.readTimeout = properties.copyReadTimeout();
    }

    /**
     * Hands each message of the COPY's output to {@code messages}, in order, after setting the
     * query's settings in its transaction; returns the instant of the snapshot the rows were read in.
     */
    Instant copy(CopyQuery copyStatement, MessageHandler messages) throws SQLException, IOException {
        return read(snapshot -> snapshot.copy(copyStatement, messages));
    }

    /**
     * Runs {@code work} in one snapshot: every COPY it makes ({@link Snapshot#copy}, one after the
     * other) reads the same rows as of the same instant, which it returns: rows committed meanwhile
     * appear in none of them.
     */
    Instant read(SnapshotWork work) throws SQLException, IOException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            Instant snapshot = snapshotThatLastsAsLongAsItsRows(connection);
            work.run((copyStatement, messages) -> copy(connection, copyStatement, messages));
            connection.commit();
            return snapshot;
        } catch (SQLException | IOException | RuntimeException e) {
            if (!connection.isClosed()) {
                rollback(connection, e);
            }
            throw e;
        } finally {
            JdbcUtils.closeConnection(connection);
        }
    }

    private void copy(Connection connection, CopyQuery copyStatement, MessageHandler messages) throws SQLException {
        bind(connection, copyStatement.settings());
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copyStatement.sql());
        try {
            byte[] message;
            while ((message = copy.readFromCopy()) != null) {
                messages.handle(message);
            }
        } catch (SQLException | RuntimeException stopped) {
            abort(connection, stopped);
            throw stopped;
        }
    }

    /**
     * Makes the transaction a read-only REPEATABLE READ snapshot, and lifts the service's statement
     * timeout for it, as an export's COPY runs as long as its rows flow: both in one round trip with
     * the transaction's start, and nothing on the connection to reset when the pool takes it back
     * (which {@code setTransactionIsolation} and {@code setReadOnly} would each cost a round trip of
     * their own). The {@code select} that ends it takes the snapshot and reads its instant: the
     * transaction's start, which the rows are as of. The socket still gives up when no row came for
     * {@code copy-read-timeout} (the pool puts the connection's own timeout back when it returns).
     */
    private Instant snapshotThatLastsAsLongAsItsRows(Connection connection) throws SQLException {
        Instant snapshot;
        try (Statement statement = connection.createStatement()) {
            boolean rows = statement.execute("set transaction isolation level repeatable read, read only;"
                    + " set local statement_timeout = 0; select now()");
            while (!rows && statement.getUpdateCount() != -1) {
                rows = statement.getMoreResults();
            }
            try (ResultSet now = statement.getResultSet()) {
                now.next();
                snapshot = now.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
        connection.setNetworkTimeout(Runnable::run, Math.toIntExact(readTimeout.toMillis()));
        return snapshot;
    }

    /**
     * Sets each setting the query reads ({@code exports.status}) for this transaction only, its
     * values bound as a {@code text[]}: PostgreSQL writes the array's text, and the query reads it back.
     */
    private static void bind(Connection connection, Map<String, List<String>> settings) throws SQLException {
        for (Map.Entry<String, List<String>> setting : settings.entrySet()) {
            try (PreparedStatement statement =
                    connection.prepareStatement("select set_config(?, cast(? as text[])::text, true)")) {
                statement.setString(1, setting.getKey());
                statement.setArray(
                        2, connection.createArrayOf("text", setting.getValue().toArray()));
                statement.execute();
            }
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

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** The COPYs of one snapshot. */
    @FunctionalInterface
    interface Snapshot {
        /** Runs one COPY in the snapshot, each message to {@code messages}; its settings are set first. */
        void copy(CopyQuery copyStatement, MessageHandler messages) throws SQLException;
    }

    /** What one snapshot is read for. */
    @FunctionalInterface
    interface SnapshotWork {
        void run(Snapshot snapshot) throws SQLException, IOException;
    }

    /** Takes one CopyData message. */
    @FunctionalInterface
    interface MessageHandler {
        void handle(byte[] message);
    }
}
