package com.coaching.exports.local;

import com.coaching.exports.api.ApiApplication;
import com.coaching.exports.shared.source.SourceDatabase;
import com.coaching.exports.worker.WorkerApplication;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The whole system in one JVM: the API and a worker, each a Spring application of its own, on the
 * embedded stand-ins for whatever is not configured (see the embedded module). The run command and
 * the end-to-end tests both start it.
 */
public final class LocalStack implements AutoCloseable {

    private final ConfigurableApplicationContext api;
    private final ConfigurableApplicationContext worker;

    private LocalStack(ConfigurableApplicationContext api, ConfigurableApplicationContext worker) {
        this.api = api;
        this.worker = worker;
    }

    /** Starts the API, then the worker, with these settings on top of their own. */
    public static LocalStack start(Map<String, Object> settings, String... args) {
        return start(settings, api -> Map.of(), args);
    }

    /**
     * Starts the API, then the worker; {@code workerSettings} adds settings for the worker alone,
     * made from the running API (whose settings hold the embedded services' addresses).
     */
    public static LocalStack start(
            Map<String, Object> settings,
            Function<ConfigurableApplicationContext, Map<String, Object>> workerSettings,
            String... args) {
        Map<String, Object> demo = new HashMap<>(settings);
        // the platform's tables (db/source), in the source database; EXPORTS_SOURCE_MIGRATE=false for a real one
        demo.putIfAbsent("exports.source.migrate", "true");
        ConfigurableApplicationContext api =
                ApiApplication.application().properties(demo).run(args);
        Map<String, Object> forWorker = new HashMap<>(demo);
        forWorker.putAll(workerSettings.apply(api));
        ConfigurableApplicationContext worker =
                WorkerApplication.application().properties(forWorker).run(args);
        return new LocalStack(api, worker);
    }

    /**
     * Seeds the demo data ({@code demo-data.sql}: user 1 is the trainer) into the source database
     * unless user 1 exists there; nothing when this run did not create the platform's tables
     * ({@code exports.source.migrate=false}: they are the platform's).
     */
    public boolean seedDemoData() {
        if (!api.getEnvironment().getProperty("exports.source.migrate", Boolean.class, false)) {
            return false;
        }
        DataSource source = writable(api.getBean(SourceDatabase.class));
        JdbcClient jdbc = JdbcClient.create(source);
        boolean seeded = jdbc.sql("select count(*) from users where id = 1")
                        .query(Integer.class)
                        .single()
                > 0;
        if (!seeded) {
            new ResourceDatabasePopulator(new ClassPathResource("demo-data.sql")).execute(source);
            jdbc.sql("analyze").update(); // fresh planner statistics: progress shows "of about N rows"
        }
        return !seeded;
    }

    /** The source database to write the demo into: a separate one's pool is read-only. */
    private DataSource writable(SourceDatabase source) {
        if (!source.separate()) {
            return source.dataSource();
        }
        Environment settings = api.getEnvironment();
        DriverManagerDataSource writable =
                new DriverManagerDataSource(settings.getRequiredProperty("exports.source.datasource.url"));
        writable.setUsername(settings.getProperty("exports.source.datasource.username"));
        writable.setPassword(settings.getProperty("exports.source.datasource.password"));
        return writable;
    }

    public ConfigurableApplicationContext api() {
        return api;
    }

    public ConfigurableApplicationContext worker() {
        return worker;
    }

    public int apiPort() {
        return webServer(api).getPort();
    }

    /** Where the API's actuator (health, prometheus) listens. */
    public int apiManagementPort() {
        return managementPort(api);
    }

    /** Where the worker's actuator listens: its one HTTP port, unless a management port of its own was set. */
    public int workerManagementPort() {
        return managementPort(worker);
    }

    private static int managementPort(ConfigurableApplicationContext context) {
        Integer separate = context.getEnvironment().getProperty("local.management.port", Integer.class);
        return separate != null ? separate : webServer(context).getPort();
    }

    private static WebServer webServer(ConfigurableApplicationContext context) {
        return Objects.requireNonNull(
                ((WebServerApplicationContext) context).getWebServer(), "the application serves HTTP");
    }

    @Override
    public void close() {
        worker.close();
        api.close();
    }
}
