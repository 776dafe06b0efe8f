package com.coaching.exports.shared.job;

import static com.coaching.exports.shared.job.JobStatus.CANCELLED;
import static com.coaching.exports.shared.job.JobStatus.EXPIRED;
import static com.coaching.exports.shared.job.JobStatus.FAILED;
import static com.coaching.exports.shared.job.JobStatus.QUEUED;
import static com.coaching.exports.shared.job.JobStatus.RUNNING;
import static com.coaching.exports.shared.job.JobStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coaching.exports.shared.job.Move.Mover;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The states and the moves declared between them ({@link Move}); that the docs list the same moves
 * is {@link MovesDocumentedTest}'s.
 */
class JobStatusTest {

    @Test
    void a_state_may_move_to_another_exactly_when_a_declared_move_goes_there() {
        int pairs = 0;
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : JobStatus.values()) {
                boolean declared = Arrays.stream(Move.values()).anyMatch(m -> m.from() == from && m.to() == to);
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(declared);
                pairs++;
            }
        }
        assertThat(pairs).as("pairs checked").isEqualTo(36);
    }

    @Test
    void a_queued_job_never_fails_it_is_cancelled_or_a_worker_fails_it_running() {
        assertThat(QUEUED.canMoveTo(FAILED)).isFalse();
    }

    @Test
    void a_job_that_failed_was_cancelled_or_expired_moves_no_more() {
        for (JobStatus ended : EnumSet.of(FAILED, CANCELLED, EXPIRED)) {
            assertThat(EnumSet.allOf(JobStatus.class).stream().filter(ended::canMoveTo))
                    .as(ended.name())
                    .isEmpty();
        }
    }

    @Test
    void only_a_success_a_failure_and_an_expiry_send_a_webhook_and_only_the_first_two_a_mail() {
        assertThat(Arrays.stream(Move.values()).filter(m -> m.webhookEvent() != null))
                .extracting(Move::webhookEvent)
                .containsExactly(WebhookEvents.SUCCEEDED, WebhookEvents.FAILED, WebhookEvents.EXPIRED);
        assertThat(Arrays.stream(Move.values()).filter(Move::mails)).containsExactly(Move.SUCCEED, Move.FAIL);
    }

    @Test
    void the_trainer_creates_and_cancels_a_queued_job_and_only_a_worker_claims_one() {
        assertThat(Arrays.stream(Move.values()).filter(m -> m.madeBy(Mover.TRAINER)))
                .containsExactly(Move.CREATE, Move.CANCEL_QUEUED);
        assertThat(Move.CLAIM.movers()).containsExactly(Mover.WORKER);
        assertThat(Move.EXPIRE.movers()).containsExactly(Mover.RETENTION);
    }

    @Test
    void an_illegal_move_throws_and_names_both_states() {
        assertThatThrownBy(() -> SUCCEEDED.requireMoveTo(CANCELLED))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("SUCCEEDED")
                .hasMessageContaining("CANCELLED");
    }

    @Test
    void an_allowed_move_passes_the_check() {
        assertThatCode(() -> RUNNING.requireMoveTo(QUEUED)).doesNotThrowAnyException();
    }

    @Test
    void only_queued_and_running_jobs_are_active() {
        assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus::isActive))
                .containsExactlyInAnyOrder(QUEUED, RUNNING);
    }
}
