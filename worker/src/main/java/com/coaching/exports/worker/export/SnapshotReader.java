package com.coaching.exports.worker.export;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.worker.WorkerProperties;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/**
 * Streams a dataset's rows out of PostgreSQL: a forward-only cursor fetching {@code fetchSize} rows
 * at a time, inside one read-only REPEATABLE READ transaction so the file is one consistent
 * snapshot. It owns its connection, so progress written meanwhile commits on its own.
 */
@Component
class SnapshotReader {

    private final DataSource dataSource;
    private final int fetchSize;

    SnapshotReader(DataSource dataSource, WorkerProperties properties) {
        this.dataSource = dataSource;
        this.fetchSize = properties.fetchSize();
    }

    /** Hands each row to {@code rows}, in the dataset's order. */
    void read(Dataset dataset, Map<String, ?> parameters, RowHandler rows) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            JdbcTemplate cursor = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            cursor.setFetchSize(fetchSize);
            new NamedParameterJdbcTemplate(cursor).query(dataset.sql(), parameters, rows::handle);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            JdbcUtils.closeConnection(connection);
        }
    }

    /** Takes one row; the result set is positioned on it. */
    @FunctionalInterface
    interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }
}
