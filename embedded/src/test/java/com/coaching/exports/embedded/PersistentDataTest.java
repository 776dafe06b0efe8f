package com.coaching.exports.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With exports.embedded.dir set, a restart finds the data of the previous run. */
class PersistentDataTest {

    @TempDir
    Path dataDir;

    @Test
    void postgres_keeps_its_tables_across_restarts_when_asked_to() throws Exception {
        Path postgresDir = dataDir.resolve("postgres");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(postgresDir, true, 0)) {
            execute(first, "create table kept (id int); insert into kept values (42)");
        }
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(postgresDir, true, 0);
                Connection connection = connect(second);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void the_object_store_writes_buckets_below_its_directory() throws Exception {
        Path s3Dir = dataDir.resolve("s3");
        Files.createDirectories(s3Dir);
        try (EmbeddedObjectStore store = EmbeddedObjectStore.start(s3Dir, 0)) {
            store.ensureBucket("kept-exports");
            store.ensureBucket("kept-exports"); // idempotent, as every application start calls it
        }
        assertThat(s3Dir.resolve("kept-exports")).isDirectory();
    }

    private static void execute(EmbeddedPostgresServer postgres, String sql) throws Exception {
        try (Connection connection = connect(postgres);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(EmbeddedPostgresServer postgres) throws Exception {
        return DriverManager.getConnection(
                postgres.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }
}
