package com.coaching.exports.shared.job;

import static com.coaching.exports.shared.job.ExportJobRows.utc;

import com.coaching.exports.shared.job.Move.Mover;
import com.coaching.exports.shared.tx.AfterCommit;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One {@link Move} of one job as one statement: a guarded {@code update} whose {@code where} starts
 * from the move's {@link Move#from()} (and, out of {@code RUNNING}, names its {@link Holder}), with
 * the move's {@code export_job_event} row inserted from its {@code returning} (a data-modifying CTE:
 * one round trip, and no move without its history row or the reverse) and its webhook outbox rows
 * ({@link WebhookEvents}). So concurrent callers get exactly one winner, and a move whose guard
 * fails changes nothing, writes no history and logs nothing. The same statement bumps the job's
 * {@code version} and notifies the API's event streams ({@link JobChanges}). A move that happened
 * logs one INFO line, after its transaction commits:
 *
 * <pre>job succeeded job=… trainer=… dataset=… from=RUNNING to=SUCCEEDED by=… attempt=… rows=… bytes=… ms=…</pre>
 */
final class MoveStatement {

    /** The log lines keep the category they always had: dashboards and tests read it. */
    private static final Logger log = LoggerFactory.getLogger(JobTransitions.class);

    /**
     * Tells the API's event streams that the job moved ({@link JobChanges}), from the move's own
     * statement: PostgreSQL delivers it at commit. In the final select, as a CTE that is a plain
     * select would not run unless read.
     */
    private static final String NOTIFIED = "\n       " + JobChanges.NOTIFY + " as notified";

    /** What a move returns of the row for its line: {@code ms} is the time since the attempt started. */
    private static final String RETURNING = "\n" + """
            returning id, trainer_id, dataset, attempts, rows_written, size_bytes, version,
                      (extract(epoch from cast(:at as timestamptz) - started_at) * 1000)::bigint as ms""";

    /** The move's history row, from what the move returned, and the returned row for the line. */
    private static final String RECORDED = """
            ),
            event as (
                insert into export_job_event (job_id, from_status, to_status, at, by, reason)
                select id, cast(:from as text), :to, :at, :by, cast(:reason as text) from moved)""";

    private static final String SELECTED =
            "\nselect id, trainer_id, dataset, attempts, rows_written, size_bytes, ms," + NOTIFIED + " from moved";

    /**
     * The job's delivery, when its options name a destination: due at once. The options are read from the
     * row as it was before the update (a CTE's snapshot), which the move does not change.
     */
    private static final String DELIVERY = ",\ndelivery as (\n" + """
                insert into export_delivery (job_id, destination_id, trainer_id, created_at, next_attempt_at)
                select j.id, cast(j.options ->> 'destination' as uuid), j.trainer_id, :at, :at
                  from moved join export_job j on j.id = moved.id
                 where j.options ->> 'destination' is not null)""";

    private final Move move;
    private final UUID id;
    private final Instant at;
    private @Nullable Mover mover;
    private @Nullable String by;
    private @Nullable String reason;
    private String set = "";
    private String condition = "";
    private UnaryOperator<JdbcClient.StatementSpec> binds = UnaryOperator.identity();

    private MoveStatement(Move move, UUID id, Instant at) {
        this.move = move;
        this.id = id;
        this.at = at;
    }

    static MoveStatement of(Move move, UUID id, Instant at) {
        return new MoveStatement(move, id, at);
    }

    /** Who makes the move, and how its history names them. */
    MoveStatement by(Mover mover, String by) {
        this.mover = mover;
        this.by = by;
        return this;
    }

    /** The worker or the lease sweeper, which must still hold the running job. */
    MoveStatement by(Holder holder) {
        return by(holder.mover(), holder.by()).where(holder.condition()).bind(holder::bind);
    }

    MoveStatement reason(@Nullable String reason) {
        this.reason = reason;
        return this;
    }

    /** Columns the move sets besides the state and version. */
    MoveStatement set(String set) {
        this.set = set;
        return this;
    }

    /** A further guard, after the one on the job's id and state: {@code " and …"}. */
    MoveStatement where(String condition) {
        this.condition += condition;
        return this;
    }

    MoveStatement bind(UnaryOperator<JdbcClient.StatementSpec> more) {
        UnaryOperator<JdbcClient.StatementSpec> before = binds;
        binds = spec -> more.apply(before.apply(spec));
        return this;
    }

    /** Runs the move as an {@code update} from {@link Move#from()}; false when its guard failed. */
    boolean update(JdbcClient jdbc) {
        String sql = "with moved as (update export_job set status = :to, version = version + 1"
                + (set.isBlank() ? "" : ", " + set)
                + " where id = :id and status = :from" + condition
                + RETURNING + RECORDED + WebhookEvents.outbox(move.webhookEvent()) + (move.delivers() ? DELIVERY : "")
                + SELECTED;
        return run(jdbc, sql);
    }

    /** Runs the creation: {@code insert} is the CTE's insert of the new row. */
    boolean insert(JdbcClient jdbc, String insert) {
        return run(
                jdbc,
                "with moved as (" + insert + RETURNING + RECORDED + WebhookEvents.outbox(move.webhookEvent())
                        + SELECTED);
    }

    private boolean run(JdbcClient jdbc, String sql) {
        if (mover == null || !move.madeBy(mover)) {
            throw new IllegalStateException("the move " + move + " is not made by " + mover);
        }
        JdbcClient.StatementSpec spec = jdbc.sql(sql)
                .param("id", id)
                .param("from", move.from() == null ? null : move.from().name())
                .param("to", move.to().name())
                .param("at", utc(at))
                .param("by", by)
                .param("reason", reason);
        Optional<Moved> moved = binds.apply(spec)
                .query((rs, n) -> new Moved(
                        rs.getObject("id", UUID.class),
                        rs.getLong("trainer_id"),
                        rs.getString("dataset"),
                        rs.getInt("attempts"),
                        rs.getLong("rows_written"),
                        rs.getObject("size_bytes", Long.class),
                        rs.getObject("ms", Long.class)))
                .optional();
        moved.ifPresent(row -> AfterCommit.run(() -> log.info("{}", line(row))));
        return moved.isPresent();
    }

    private String line(Moved row) {
        StringBuilder line = new StringBuilder("job ")
                .append(move.verb())
                .append(" job=")
                .append(row.id())
                .append(" trainer=")
                .append(row.trainerId())
                .append(" dataset=")
                .append(row.dataset())
                .append(" from=")
                .append(move.from() == null ? "none" : move.from().name())
                .append(" to=")
                .append(move.to().name())
                .append(" by=")
                .append(by)
                .append(" attempt=")
                .append(row.attempts());
        if (reason != null) {
            line.append(" reason=\"").append(reason).append('"');
        }
        if (move.endsRun()) {
            line.append(" rows=").append(row.rows());
            if (row.bytes() != null) {
                line.append(" bytes=").append(row.bytes());
            }
            if (row.ms() != null) {
                line.append(" ms=").append(row.ms());
            }
        }
        return line.toString();
    }

    /** What a move returned of the row. */
    private record Moved(
            UUID id,
            long trainerId,
            String dataset,
            int attempts,
            long rows,
            @Nullable Long bytes,
            @Nullable Long ms) {}
}
