package com.coaching.exports.shared.job;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coaching.exports.shared.job.Move.Mover;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A move is made only by whom its declaration names: the statement is refused before it reaches the database. */
class MoveStatementTest {

    @Test
    void a_worker_cannot_expire_a_job_only_the_retention_sweeper_may() {
        assertThatThrownBy(() -> MoveStatement.of(Move.EXPIRE, UUID.randomUUID(), Instant.now())
                        .by(Mover.WORKER, "a-worker")
                        .update(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("EXPIRE")
                .hasMessageContaining("WORKER");
    }

    @Test
    void the_lease_sweeper_cannot_defer_a_job_only_its_own_worker_may() {
        Holder sweeper = Holder.expired("a-dead-worker", 1, Instant.now());

        assertThatThrownBy(() -> MoveStatement.of(Move.DEFER, UUID.randomUUID(), Instant.now())
                        .by(sweeper)
                        .update(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LEASE_SWEEPER");
    }
}
