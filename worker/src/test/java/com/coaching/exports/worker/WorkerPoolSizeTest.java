package com.coaching.exports.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.worker.support.WorkerTest;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/**
 * The worker's database pool holds as many connections as its exports, senders and scheduled
 * tasks can hold at once, unless the operator said otherwise.
 */
@WorkerTest
class WorkerPoolSizeTest {

    @Autowired
    DataSource dataSource;

    @Test
    void the_running_worker_pool_fits_its_default_settings() throws Exception {
        // 5 exports × 2 (snapshot and progress) + 4 webhook senders + 8 scheduling threads + 2 outbox senders
        // + the clock + the health check
        assertThat(dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize())
                .isEqualTo(26);
    }

    @Test
    void each_export_counts_once_when_its_snapshot_is_read_from_a_separate_source() {
        MockEnvironment settings = defaults().withProperty("exports.source.datasource.url", "jdbc:postgresql://p/db");

        assertThat(WorkerPoolSize.of(settings)).isEqualTo(5 + 4 + 8 + 2 + 1 + 1);
    }

    @Test
    void consumers_given_as_a_range_count_at_their_most() {
        MockEnvironment settings = defaults().withProperty("exports.worker.concurrency", "2-6");

        assertThat(WorkerPoolSize.of(settings)).isEqualTo((6 + 1) * 2 + 4 + 8 + 2 + 1 + 1);
    }

    @Test
    void more_webhook_senders_or_scheduling_threads_each_take_one_more_connection() {
        MockEnvironment settings = defaults()
                .withProperty("exports.webhooks.concurrency", "10")
                .withProperty("spring.task.scheduling.pool.size", "12");

        assertThat(WorkerPoolSize.of(settings)).isEqualTo(5 * 2 + 10 + 12 + 2 + 1 + 1);
    }

    @Test
    void a_pool_size_the_operator_set_is_kept() {
        MockEnvironment settings = defaults().withProperty(WorkerPoolSize.POOL_SIZE, "7");

        new WorkerPoolSize().postProcessEnvironment(settings, new SpringApplication(WorkerApplication.class));

        assertThat(settings.getProperty(WorkerPoolSize.POOL_SIZE)).isEqualTo("7");
    }

    @Test
    void another_application_on_the_same_classpath_keeps_its_own_pool() {
        MockEnvironment settings = defaults();

        new WorkerPoolSize().postProcessEnvironment(settings, new SpringApplication(Object.class));

        assertThat(settings.getProperty(WorkerPoolSize.POOL_SIZE)).isNull();
    }

    /** worker.yml's consumers and exports-shared.yml's scheduling pool. */
    private static MockEnvironment defaults() {
        return new MockEnvironment()
                .withProperty("exports.worker.concurrency", "4")
                .withProperty("exports.worker.bulk-concurrency", "1")
                .withProperty("spring.task.scheduling.pool.size", "8");
    }
}
