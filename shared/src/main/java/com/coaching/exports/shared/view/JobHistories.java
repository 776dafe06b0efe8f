package com.coaching.exports.shared.view;

import static com.coaching.exports.shared.job.ExportJobRows.requiredInstant;

import com.coaching.exports.shared.job.JobStatus;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The jobs' histories as {@link JobView} shows them: the API's answers and the webhooks' payloads. */
@Repository
public class JobHistories {

    private final JdbcClient jdbc;

    public JobHistories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The history of each job (its moves and the links issued), oldest first, read in one query for a whole page. */
    public Map<UUID, List<JobEvent>> of(Collection<UUID> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        record Row(UUID jobId, JobEvent event) {}
        return jdbc
                .sql("""
                select job_id, from_status, to_status, at, by, reason, address from export_job_event
                 where job_id in (:ids) order by job_id, id""")
                .param("ids", jobIds)
                .query((rs, n) -> new Row(
                        rs.getObject("job_id", UUID.class),
                        new JobEvent(
                                rs.getString("from_status"),
                                JobStatus.valueOf(rs.getString("to_status")),
                                requiredInstant(rs, "at"),
                                rs.getString("by"),
                                rs.getString("reason"),
                                rs.getString("address"))))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Row::jobId, LinkedHashMap::new, Collectors.mapping(Row::event, Collectors.toList())));
    }

    /** One job's moves, oldest first. */
    public List<JobEvent> of(UUID jobId) {
        return of(List.of(jobId)).getOrDefault(jobId, List.of());
    }
}
