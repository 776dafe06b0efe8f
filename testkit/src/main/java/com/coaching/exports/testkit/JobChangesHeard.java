package com.coaching.exports.testkit;

import com.coaching.exports.shared.job.JobChanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** Listens on {@link JobChanges#CHANNEL}, as the API does, on a connection of its own, and tells what it heard. */
public final class JobChangesHeard implements AutoCloseable {

    private final Connection connection;
    private final List<String> heard = new ArrayList<>();

    public JobChangesHeard(DataSource dataSource) {
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (Statement listen = connection.createStatement()) {
                listen.execute("listen " + JobChanges.CHANNEL);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payloads heard so far, waiting up to {@code wait} for at least one more. */
    public List<String> payloads(Duration wait) {
        try {
            PGNotification[] notifications =
                    connection.unwrap(PGConnection.class).getNotifications((int) wait.toMillis());
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    heard.add(notification.getParameter());
                }
            }
            return List.copyOf(heard);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (Statement unlisten = connection.createStatement()) {
            unlisten.execute("unlisten *");
        } catch (SQLException e) {
            // the connection goes back to the pool or away either way
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing left to do
            }
        }
    }
}
