package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.WorkerTest;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The exact bytes of cells at the edges of the CSV rules, as PostgreSQL really sends the values:
 * text that commons-csv quotes and PostgreSQL's own CSV would not, amounts, instants before 1970.
 */
@WorkerTest
@Import(Jobs.class)
class CsvBytesTest {

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Test
    void cells_at_the_edges_of_the_csv_rules_are_written_byte_for_byte() {
        SourceRows rows = new SourceRows(jdbc);
        long trainer = rows.trainer("Edge", "Trainer", "edge@example.com");
        long trainee = rows.trainee(trainer, "Anna", "Müller", "anna@example.com", true, Instant.now());
        // a second back: the rows' fractions of a second must not put them after the job's request
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        Instant paid = Instant.parse("1969-12-31T23:59:59.500Z");
        String[][] cells = {
            {" leading space", "\" leading space\"", "0", "0.00"},
            {"trailing space ", "\"trailing space \"", "-0.5", "-0.50"},
            {"#hash", "\"#hash\"", "99999999.99", "99999999.99"},
            {"!bang", "\"!bang\"", "0.01", "0.01"},
            {"", "", "10000", "10000.00"},
            {"\r\nnew line", "\"'\r\nnew line\"", "-1234.5", "-1234.50"},
            {"a \"quote\"", "\"a \"\"quote\"\"\"", "1", "1.00"},
            {"tab\tinside", "tab\tinside", "2", "2.00"},
            {"ends in a tab\t", "\"ends in a tab\t\"", "3", "3.00"},
            {"日本語 ✓ 😀", "日本語 ✓ 😀", "4", "4.00"}
        };
        StringBuilder expected = new StringBuilder(String.join(",", Dataset.PAYMENTS.headers())).append("\r\n");
        for (int i = 0; i < cells.length; i++) {
            Instant created = now.minus(i, ChronoUnit.MINUTES).plusMillis(999);
            long id = rows.payment(
                    trainer, trainee, cells[i][2], "EUR", "succeeded", "subscription", cells[i][0], created, paid);
            expected.append(id)
                    .append(',')
                    .append(created.truncatedTo(ChronoUnit.SECONDS))
                    .append(",1969-12-31T23:59:59Z,")
                    .append("Anna Müller,")
                    .append(rows.email("anna@example.com"))
                    .append(",subscription,succeeded,")
                    .append(cells[i][3])
                    .append(",EUR,")
                    .append(cells[i][1])
                    .append("\r\n");
        }

        ExportJob done =
                jobs.awaitStatus(jobs.queue(trainer, Dataset.PAYMENTS, 30).id(), JobStatus.SUCCEEDED);

        byte[] file = s3.getObjectAsBytes(
                        get -> get.bucket(storage.bucket()).key(done.result().objectKey()))
                .asByteArray();
        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @ParameterizedTest
    @EnumSource(Dataset.class)
    void each_query_selects_the_types_its_columns_read(Dataset dataset) {
        String sql = dataset.inlinedSql(Map.of(
                "trainerId",
                0L,
                "since",
                OffsetDateTime.now(ZoneOffset.UTC),
                "until",
                OffsetDateTime.now(ZoneOffset.UTC),
                "status",
                new String[0]));

        List<String> types = jdbcTemplate.execute((ConnectionCallback<List<String>>) connection -> {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("create temporary view selected as " + sql);
                List<String> names = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("""
                        select format_type(atttypid, null) from pg_attribute
                         where attrelid = 'selected'::regclass and attnum > 0 order by attnum""")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                return names;
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        });

        assertThat(types)
                .isEqualTo(dataset.columns().stream()
                        .map(column -> column.type().sqlType())
                        .toList());
    }
}
