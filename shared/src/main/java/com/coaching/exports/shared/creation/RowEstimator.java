package com.coaching.exports.shared.creation;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.Bundle;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.source.SourceDatabase;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many rows a job's query will return: good enough to choose a lane and to show progress as a
 * percentage, and cheap. Where an index answers the count (payments: {@code trainee_payments_export}
 * on trainer and creation time), the rows are counted in the index up to {@link #COUNTED_UP_TO}: a
 * small export gets its exact size from a few index entries and no plan; past that, and for the other
 * datasets, PostgreSQL's planner estimates it ({@code EXPLAIN}, no rows read). With a status filter
 * the same entries are counted, and those of the statuses asked for among them (the status is read
 * from the table for at most as many rows). Asked of the database the rows come from ({@link
 * SourceDatabase}). A bundle's is the sum of its datasets', which also chooses its lane.
 */
@Component
public class RowEstimator {

    /** Counted exactly up to here; a larger export is estimated by the planner. */
    static final int COUNTED_UP_TO = 10_000;

    /** The datasets whose rows an index counts, each with the count (the dataset's own parameters). */
    private static final Map<Dataset, String> INDEX_COUNTS = Map.of(Dataset.PAYMENTS, """
            select count(*), count(*) from (
              select 1 from trainee_payments
               where trainer_id = :trainerId and created_at >= :since and created_at <= :until
               limit %d) as counted""".formatted(COUNTED_UP_TO + 1));

    /** The same with a status filter: the entries, and the rows of those statuses among them. */
    private static final Map<Dataset, String> FILTERED_COUNTS =
            Map.of(Dataset.PAYMENTS, """
            select count(*), count(*) filter (where status = any(:status::text[])) from (
              select status from trainee_payments
               where trainer_id = :trainerId and created_at >= :since and created_at <= :until
               limit %d) as counted""".formatted(COUNTED_UP_TO + 1));

    private final SourceDatabase source;
    private final JsonMapper json;

    public RowEstimator(SourceDatabase source, JsonMapper json) {
        this.source = source;
        this.json = json;
    }

    /** A bundle's estimate is the sum of its datasets' ({@link Bundle#member}). */
    public long estimate(ExportJob job) {
        if (job.bundle()) {
            return job.datasets().stream()
                    .mapToLong(dataset -> estimate(Bundle.member(job, dataset)))
                    .sum();
        }
        String count = (job.options().status() == null ? INDEX_COUNTS : FILTERED_COUNTS).get(job.dataset());
        if (count != null) {
            long[] counted = source.jdbc()
                    .sql(count)
                    .params(job.queryParameters())
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .single();
            if (counted[0] <= COUNTED_UP_TO) {
                return counted[1];
            }
        }
        return planned(job);
    }

    private long planned(ExportJob job) {
        String plan = source.jdbc()
                .sql("explain (format json) " + job.dataset().sql())
                .params(job.queryParameters())
                .query(String.class)
                .single();
        JsonNode top = json.readTree(plan).get(0).get("Plan");
        return Math.max(0, Math.round(top.get("Plan Rows").asDouble()));
    }
}
