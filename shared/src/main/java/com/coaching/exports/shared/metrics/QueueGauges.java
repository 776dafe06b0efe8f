package com.coaching.exports.shared.metrics;

import com.coaching.exports.shared.dataset.Dataset;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The queue as the job table sees it, by dataset: how many jobs are QUEUED and how long the oldest
 * has waited; and the backlogs of the job messages not yet confirmed by the broker and of the mails
 * not yet sent. Two queries serve every gauge and are reused for a few seconds, so a scrape is cheap
 * however many series it reads. Both api and worker report it (the API still does when no worker
 * runs); aggregate with {@code max}.
 */
@Component
class QueueGauges implements MeterBinder {

    static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);
    private static final String QUEUED = """
            select dataset, count(*) as queued, min(created_at) as oldest
              from export_job
             where status = 'QUEUED'
             group by dataset""";
    private static final String BACKLOGS = """
            select (select count(*) from export_outbox) as outbox,
                   (select count(*) from export_mail where sent_at is null) as mail""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private @Nullable Snapshot last;

    QueueGauges(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Dataset dataset : Dataset.values()) {
            Gauge.builder(
                            "exports.jobs.queued",
                            this,
                            gauges -> gauges.snapshot().queued(dataset))
                    .description("Export jobs waiting for a worker")
                    .tag("dataset", dataset.id())
                    .register(registry);
            Gauge.builder(
                            "exports.jobs.queued.oldest.age",
                            this,
                            gauges -> gauges.snapshot().oldestAgeSeconds(dataset))
                    .description("How long the oldest QUEUED job has waited; 0 when none waits")
                    .baseUnit("seconds")
                    .tag("dataset", dataset.id())
                    .register(registry);
        }
        Gauge.builder(
                        "exports.outbox.messages",
                        this,
                        gauges -> gauges.snapshot().outbox())
                .description("Job messages not yet confirmed by the broker, including those of jobs waiting to retry")
                .register(registry);
        Gauge.builder("exports.mail.unsent", this, gauges -> gauges.snapshot().mail())
                .description("Notification mails not yet sent")
                .register(registry);
    }

    private synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (last == null || last.takenAt().plus(MAX_AGE).isBefore(now)) {
            last = take(now);
        }
        return last;
    }

    private Snapshot take(Instant now) {
        try {
            Map<String, Waiting> waiting = jdbc
                    .sql(QUEUED)
                    .query((rs, row) ->
                            new Waiting(rs.getString("dataset"), rs.getLong("queued"), rs.getTimestamp("oldest")))
                    .list()
                    .stream()
                    .collect(Collectors.toMap(Waiting::dataset, w -> w));
            return jdbc.sql(BACKLOGS)
                    .query((rs, row) -> new Snapshot(now, waiting, rs.getLong("outbox"), rs.getLong("mail")))
                    .single();
        } catch (DataAccessException e) {
            // a gap in the graph, not a zero: nobody knows the queue while the database is away
            log.debug("queue gauges not refreshed: {}", e.getMessage());
            return new Snapshot(now, null, Double.NaN, Double.NaN);
        }
    }

    private record Waiting(
            String dataset, long count, @Nullable Timestamp oldest) {}

    /** {@code waiting} null, the backlogs NaN: the database did not answer. */
    private record Snapshot(Instant takenAt, @Nullable Map<String, Waiting> waiting, double outbox, double mail) {

        double queued(Dataset dataset) {
            if (waiting == null) {
                return Double.NaN;
            }
            Waiting w = waiting.get(dataset.id());
            return w == null ? 0 : w.count();
        }

        double oldestAgeSeconds(Dataset dataset) {
            if (waiting == null) {
                return Double.NaN;
            }
            Waiting w = waiting.get(dataset.id());
            if (w == null || w.oldest() == null) {
                return 0;
            }
            return Math.max(0, Duration.between(w.oldest().toInstant(), takenAt).toMillis() / 1000.0);
        }
    }
}
