package com.coaching.exports.shared.destination;

import static com.coaching.exports.shared.job.ExportJobRows.requiredInstant;
import static com.coaching.exports.shared.job.ExportJobRows.utc;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code export_destination} rows: each destination's fields in the clear ({@code settings}) and its
 * secrets sealed ({@code secrets}, {@link SecretBox}), so that neither a dump nor a log line shows one.
 */
@Repository
@EnableConfigurationProperties(DestinationSettings.class)
public class Destinations {

    private static final String COLUMNS = "id, trainer_id, type, name, settings, secrets, created_at";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final SecretBox box;

    public Destinations(JdbcClient jdbc, DestinationSettings settings) {
        this.jdbc = jdbc;
        this.box = new SecretBox(settings.key() == null ? "" : settings.key());
    }

    /**
     * Stores the destination unless its trainer has {@code max} already, counted under a per-trainer
     * lock held until the transaction ends, so that concurrent requests cannot both pass the limit.
     */
    @Transactional
    public boolean createWithin(int max, Destination destination) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('export_destination:' || :trainerId, 0))")
                .param("trainerId", destination.trainerId())
                .query()
                .listOfRows();
        int count = jdbc.sql("select count(*) from export_destination where trainer_id = :trainerId")
                .param("trainerId", destination.trainerId())
                .query(Integer.class)
                .single();
        if (count >= max) {
            return false;
        }
        jdbc.sql("""
                insert into export_destination (id, trainer_id, type, name, settings, secrets, created_at)
                values (:id, :trainerId, :type, :name, cast(:settings as jsonb), :secrets, :createdAt)""")
                .param("id", destination.id())
                .param("trainerId", destination.trainerId())
                .param("type", destination.type())
                .param("name", destination.name())
                .param("settings", JSON.writeValueAsString(destination.settings()))
                .param("secrets", box.seal(destination.id(), JSON.writeValueAsString(destination.secrets())))
                .param("createdAt", utc(destination.createdAt()))
                .update();
        return true;
    }

    /** The trainer's destinations, oldest first. */
    public List<Destination> list(long trainerId) {
        return jdbc.sql("select " + COLUMNS
                        + " from export_destination where trainer_id = :trainerId order by created_at, id")
                .param("trainerId", trainerId)
                .query(this::map)
                .list();
    }

    /** The trainer's destination; empty when there is none or it is another trainer's. */
    public Optional<Destination> find(long trainerId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from export_destination where id = :id and trainer_id = :trainerId")
                .param("id", id)
                .param("trainerId", trainerId)
                .query(this::map)
                .optional();
    }

    /** Whoever's it is (the worker delivers a job's file to the destination the job names). */
    public Optional<Destination> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from export_destination where id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /**
     * What still needs the trainer's destination: a job queued or running that names it, a delivery to
     * it pending, or a schedule that names it; empty when nothing does. Read under a lock on the
     * destination's row, so a caller that then deletes it in the same transaction deletes what it read.
     */
    @Transactional
    public Optional<String> deleteUnlessUsed(long trainerId, UUID id) {
        Optional<String> use = jdbc.sql("""
                select case
                         when exists (select 1 from export_delivery where destination_id = d.id and status = 'PENDING')
                           then 'a delivery to it is pending'
                         when exists (select 1 from export_job where trainer_id = d.trainer_id
                                         and status in ('QUEUED', 'RUNNING') and options ->> 'destination' = cast(d.id as text))
                           then 'an export that names it is queued or running'
                         when exists (select 1 from export_schedule where trainer_id = d.trainer_id
                                         and options ->> 'destination' = cast(d.id as text))
                           then 'a schedule names it'
                       end as used
                  from export_destination d where d.id = :id and d.trainer_id = :trainerId
                   for update of d""")
                .param("id", id)
                .param("trainerId", trainerId)
                .query((rs, n) -> Optional.ofNullable(rs.getString("used")))
                .optional()
                .orElseGet(() -> Optional.of(NOT_FOUND));
        if (use.isEmpty()) {
            jdbc.sql("delete from export_destination where id = :id")
                    .param("id", id)
                    .update();
        }
        return use;
    }

    /** What {@link #deleteUnlessUsed} answers for a destination the trainer does not have. */
    public static final String NOT_FOUND = "not found";

    private Destination map(ResultSet rs, int rowNum) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        JsonNode settings = JSON.readTree(rs.getString("settings"));
        JsonNode secrets = JSON.readTree(box.open(id, rs.getBytes("secrets")));
        long trainerId = rs.getLong("trainer_id");
        String name = rs.getString("name");
        if ("s3".equals(rs.getString("type"))) {
            return new Destination.S3(
                    id,
                    trainerId,
                    name,
                    settings.has("endpoint")
                            ? URI.create(settings.get("endpoint").asString())
                            : null,
                    settings.get("region").asString(),
                    settings.get("bucket").asString(),
                    settings.get("prefix").asString(),
                    settings.get("pathStyle").asBoolean(),
                    settings.get("accessKeyId").asString(),
                    secrets.get("secretAccessKey").asString(),
                    requiredInstant(rs, "created_at"));
        }
        return new Destination.Sftp(
                id,
                trainerId,
                name,
                settings.get("host").asString(),
                settings.get("port").asInt(),
                settings.get("username").asString(),
                text(secrets, "password"),
                text(secrets, "privateKey"),
                settings.get("hostKeyFingerprint").asString(),
                settings.get("directory").asString(),
                requiredInstant(rs, "created_at"));
    }

    private static @Nullable String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asString() : null;
    }
}
