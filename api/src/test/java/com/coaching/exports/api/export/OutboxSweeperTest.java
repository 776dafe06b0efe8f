package com.coaching.exports.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.api.support.Tokens;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRepository;
import com.coaching.exports.shared.messaging.ExportMessages;
import com.coaching.exports.shared.messaging.OutboxRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A job whose message the broker never confirmed (it was down) is published again. */
@ApiTest
class OutboxSweeperTest {

    @Autowired
    OutboxSweeper sweeper;
    @Autowired
    ExportJobRepository jobs;
    @Autowired
    OutboxRepository outbox;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    JdbcClient jdbc;

    @Test
    void an_unconfirmed_job_is_published_again_and_leaves_the_outbox() {
        Instant aMinuteAgo = Instant.now().minus(Duration.ofMinutes(1));
        ExportJob job = ExportJob.queued(UUID.randomUUID(), Tokens.newTrainerId(), Dataset.PAYMENTS, 30, false,
                aMinuteAgo);
        jobs.insert(job, null, null);
        outbox.add(job.id(), aMinuteAgo);

        sweeper.sweep();

        assertThat(jdbc.sql("select count(*) from export_outbox where job_id = :id").param("id", job.id())
                .query(Integer.class).single()).isZero();
        assertThat(publishedJobIds()).contains(job.id().toString());
    }

    private List<String> publishedJobIds() {
        List<String> ids = new ArrayList<>();
        Message message;
        while ((message = rabbit.receive(ExportMessages.QUEUE, 2000)) != null) {
            ids.add(message.getMessageProperties().getMessageId());
        }
        return ids;
    }
}
