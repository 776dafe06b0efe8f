package com.coaching.exports.shared.job;

import static com.coaching.exports.shared.job.JobStatus.CANCELLED;
import static com.coaching.exports.shared.job.JobStatus.EXPIRED;
import static com.coaching.exports.shared.job.JobStatus.FAILED;
import static com.coaching.exports.shared.job.JobStatus.QUEUED;
import static com.coaching.exports.shared.job.JobStatus.RUNNING;
import static com.coaching.exports.shared.job.JobStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStatusTest {

    @Test
    void a_queued_job_can_start_be_cancelled_or_fail() {
        assertThat(allowedFrom(QUEUED)).containsExactlyInAnyOrder(RUNNING, CANCELLED, FAILED);
    }

    @Test
    void a_running_job_can_finish_in_any_way_or_go_back_to_the_queue() {
        assertThat(allowedFrom(RUNNING)).containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELLED, QUEUED);
    }

    @Test
    void only_a_succeeded_job_can_expire() {
        assertThat(allowedFrom(SUCCEEDED)).containsExactly(EXPIRED);
    }

    @ParameterizedTest
    @EnumSource(names = {"FAILED", "CANCELLED", "EXPIRED"})
    void a_failed_cancelled_or_expired_job_never_moves_again(JobStatus finalState) {
        assertThat(allowedFrom(finalState)).isEmpty();
    }

    @Test
    void an_illegal_move_throws_and_names_both_states() {
        assertThatThrownBy(() -> SUCCEEDED.requireMoveTo(CANCELLED))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("SUCCEEDED")
                .hasMessageContaining("CANCELLED");
    }

    @Test
    void only_queued_and_running_jobs_are_active() {
        assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus::isActive))
                .containsExactlyInAnyOrder(QUEUED, RUNNING);
    }

    private static EnumSet<JobStatus> allowedFrom(JobStatus from) {
        EnumSet<JobStatus> allowed = EnumSet.noneOf(JobStatus.class);
        for (JobStatus to : JobStatus.values()) {
            if (from.canMoveTo(to)) {
                allowed.add(to);
            }
        }
        return allowed;
    }
}
