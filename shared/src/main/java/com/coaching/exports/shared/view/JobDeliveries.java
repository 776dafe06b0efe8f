package com.coaching.exports.shared.view;

import static com.coaching.exports.shared.job.ExportJobRows.instant;

import com.coaching.exports.shared.view.JobView.Failure;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The jobs' deliveries as {@link JobView} shows them ({@code export_delivery}). */
@Repository
public class JobDeliveries {

    private final JdbcClient jdbc;

    public JobDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The delivery of each job that has one, read in one query for a whole page. */
    public Map<UUID, JobDelivery> of(Collection<UUID> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        record Row(UUID jobId, JobDelivery delivery) {}
        return jdbc
                .sql("""
                select job_id, destination_id, status, location, finished_at, error_code, error_message
                  from export_delivery where job_id in (:ids)""")
                .param("ids", jobIds)
                .query((rs, n) -> {
                    String status = rs.getString("status");
                    String code = rs.getString("error_code");
                    return new Row(
                            rs.getObject("job_id", UUID.class),
                            new JobDelivery(
                                    rs.getObject("destination_id", UUID.class),
                                    status,
                                    rs.getString("location"),
                                    "DELIVERED".equals(status) ? instant(rs, "finished_at") : null,
                                    code == null || "DELIVERED".equals(status)
                                            ? null
                                            : new Failure(code, rs.getString("error_message"))));
                })
                .list()
                .stream()
                .collect(Collectors.toMap(Row::jobId, Row::delivery, (a, b) -> a));
    }

    /** One job's delivery, if it has one. */
    public Optional<JobDelivery> of(UUID jobId) {
        return Optional.ofNullable(of(List.of(jobId)).get(jobId));
    }
}
