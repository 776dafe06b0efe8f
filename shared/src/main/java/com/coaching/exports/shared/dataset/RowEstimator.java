package com.coaching.exports.shared.dataset;

import com.coaching.exports.shared.job.ExportJob;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many rows a job's query will return, as PostgreSQL's planner estimates it: cheap (no rows
 * are read), good enough to choose a lane and to show progress as a percentage.
 */
@Component
public class RowEstimator {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public RowEstimator(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long estimate(ExportJob job) {
        String plan = jdbc.sql("explain (format json) " + job.dataset().sql())
                .params(job.queryParameters())
                .query(String.class)
                .single();
        JsonNode top = json.readTree(plan).get(0).get("Plan");
        return Math.max(0, Math.round(top.get("Plan Rows").asDouble()));
    }
}
