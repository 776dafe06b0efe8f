package com.coaching.exports.shared.audit;

import static com.coaching.exports.shared.job.ExportJobRows.utc;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Records each download link handed out: a history row of its job ({@code reason} {@value
 * #LINK_ISSUED}, who, the client's address, never the link) and one more in the day's count of
 * {@code export_link_count}, in one statement, so the two exist together or not at all. A link is
 * issued only for a {@code SUCCEEDED} job: a job that moved on meanwhile gets neither.
 */
@Repository
public class IssuedLinks {

    public static final String LINK_ISSUED = "link issued";
    /** How many days the counts are kept after the link was issued, whatever became of the job. */
    public static final int KEPT_DAYS = 90;

    private final JdbcClient jdbc;

    public IssuedLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One link of each of these jobs handed to {@code recipient} at {@code at}; returns how many were recorded. */
    public int record(Collection<UUID> jobIds, LinkRecipient recipient, Instant at) {
        if (jobIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                with issued as (
                    select id, trainer_id, dataset, status from export_job where id in (:ids) and status = 'SUCCEEDED'),
                event as (
                    insert into export_job_event (job_id, from_status, to_status, at, by, reason, address)
                    select id, status, status, :at, :by, :reason, cast(:address as text) from issued)
                insert into export_link_count (day, trainer_id, dataset, job_id, by, links)
                select :day, trainer_id, dataset, id, :by, 1 from issued
                on conflict (trainer_id, day, dataset, job_id, by)
                do update set links = export_link_count.links + excluded.links""")
                .param("ids", jobIds)
                .param("at", utc(at))
                .param("by", recipient.by())
                .param("reason", LINK_ISSUED)
                .param("address", recipient.address())
                .param("day", LocalDate.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    /** Removes the counts of days more than {@link #KEPT_DAYS} before today (UTC); returns how many rows. */
    public int prune(Clock clock) {
        LocalDate oldestKept =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(KEPT_DAYS);
        return jdbc.sql("delete from export_link_count where day < :oldestKept")
                .param("oldestKept", oldestKept)
                .update();
    }
}
