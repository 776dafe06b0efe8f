package com.coaching.exports.api.audit;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The trainer's counts of links issued ({@code export_link_count}), which outlive the jobs. */
@Repository
class TrainerAudit {

    private final JdbcClient jdbc;

    TrainerAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The trainer's rows from {@code from} to {@code to}, both days included, oldest first. */
    List<AuditView.Count> counts(long trainerId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select day, dataset, job_id, by, links from export_link_count
                 where trainer_id = :trainer and day between :from and :to
                 order by day, dataset, job_id, by""")
                .param("trainer", trainerId)
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new AuditView.Count(
                        rs.getObject("day", LocalDate.class),
                        rs.getString("dataset"),
                        rs.getObject("job_id", UUID.class),
                        rs.getString("by"),
                        rs.getInt("links")))
                .list();
    }
}
