package com.coaching.exports.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A real PostgreSQL server (zonky's bundled binaries) with database and user {@code postgres}. */
final class EmbeddedPostgresServer implements StandIn {

    static final String DATABASE = "postgres";
    static final String USER = "postgres";
    // the server trusts local connections, so the password is only there because clients expect one
    static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final boolean keepsData;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, boolean keepsData) {
        this.postgres = postgres;
        this.keepsData = keepsData;
    }

    /**
     * @param dataDir   the cluster directory; reused as is when {@code keepData} and it already holds a cluster
     * @param keepData  false wipes the directory on start and stop
     * @param port      0 for any free port
     */
    static EmbeddedPostgresServer start(Path dataDir, boolean keepData, int port) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!keepData)
                    .setPort(port)
                    // stopped by EmbeddedServices after the applications closed their pools
                    .setRegisterShutdownHook(false)
                    .start();
            return new EmbeddedPostgresServer(postgres, keepData);
        } catch (IOException ex) {
            throw new IllegalStateException("Embedded PostgreSQL did not start in " + dataDir, ex);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of(
                "spring.datasource.url", jdbcUrl(),
                "spring.datasource.username", USER,
                "spring.datasource.password", PASSWORD);
    }

    @Override
    public String description() {
        return "PostgreSQL at " + jdbcUrl() + (keepsData ? " (data kept)" : "");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException ex) {
            // shutting down anyway
        }
    }
}
