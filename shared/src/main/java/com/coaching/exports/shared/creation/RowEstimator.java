package com.coaching.exports.shared.creation;

import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.source.SourceDatabase;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many rows a job's query will return, as PostgreSQL's planner estimates it: cheap (no rows
 * are read), good enough to choose a lane and to show progress as a percentage. Asked of the
 * database the rows come from ({@link SourceDatabase}).
 */
@Component
public class RowEstimator {

    private final SourceDatabase source;
    private final JsonMapper json;

    public RowEstimator(SourceDatabase source, JsonMapper json) {
        this.source = source;
        this.json = json;
    }

    public long estimate(ExportJob job) {
        String plan = source.jdbc()
                .sql("explain (format json) " + job.dataset().sql())
                .params(job.queryParameters())
                .query(String.class)
                .single();
        JsonNode top = json.readTree(plan).get(0).get("Plan");
        return Math.max(0, Math.round(top.get("Plan Rows").asDouble()));
    }
}
