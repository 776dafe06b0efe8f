package com.coaching.exports.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.JobChangesHeard;
import com.coaching.exports.testkit.Tokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification every job move sends from its own statement ({@code JobTransitions}): at commit,
 * with the job's new version, and never for a move that did not happen or was rolled back.
 */
@ApiTest
class JobChangesTest {

    static final Duration WAIT = Duration.ofSeconds(2);

    @Value("${local.server.port}")
    int port;

    @Autowired
    JobTransitions transitions;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void a_move_notifies_its_job_and_new_version_and_a_move_whose_guard_fails_notifies_nothing() {
        UUID id = newJob();
        try (JobChangesHeard heard = new JobChangesHeard(dataSource)) {
            assertThat(transitions.claim(id, "w", Instant.now())).isTrue();
            assertThat(transitions.claim(id, "other", Instant.now())).isFalse();

            assertThat(heard.payloads(WAIT))
                    .filteredOn(p -> p.startsWith(id.toString()))
                    .containsExactly(id + ":" + version(id));
            assertThat(version(id)).isEqualTo(2);
        }
    }

    @Test
    void a_move_rolled_back_notifies_nothing_and_a_deletion_notifies_without_a_version() {
        UUID id = newJob();
        try (JobChangesHeard heard = new JobChangesHeard(dataSource)) {
            transactions.executeWithoutResult(tx -> {
                transitions.cancelQueued(id, Instant.now());
                tx.setRollbackOnly();
            });
            assertThat(heard.payloads(Duration.ofMillis(300))).noneMatch(p -> p.startsWith(id.toString()));

            transitions.deleteReturningObjectKey(id);

            assertThat(heard.payloads(WAIT))
                    .filteredOn(p -> p.startsWith(id.toString()))
                    .containsExactly(id.toString());
        }
    }

    UUID newJob() {
        String token = Tokens.trainer(Tokens.newTrainerId());
        return UUID.fromString(new ApiClient(URI.create("http://localhost:" + port), token)
                .post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                .json()
                .get("id")
                .asString());
    }

    long version(UUID id) {
        return jdbc.sql("select version from export_job where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }
}
