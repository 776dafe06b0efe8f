package com.coaching.exports.worker.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;

import com.coaching.exports.embedded.faults.FaultyTcpProxy;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.ExportJobRows;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.worker.support.Jobs;
import com.coaching.exports.worker.support.SourceRows;
import com.coaching.exports.worker.support.Store;
import com.coaching.exports.worker.support.WorkerTest;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A trainer deletes a job while its worker stores the file: the row is gone when the worker's
 * final update comes, so the worker removes its file; and when the store fails that removal, it
 * is queued and done once the store is back. The store is reached through a proxy that can cut
 * its connections.
 */
@WorkerTest
@Import({Jobs.class, Store.class, DeletedWhileFinishingTest.TheStoreBehindAProxy.class})
@TestPropertySource(
        properties = {
            "exports.storage.max-attempts=2",
            "exports.storage.cleanup-interval=200ms",
            // this worker runs only the jobs its tests hand to it: a job another test class left in the queue
            // would otherwise run here, through the proxy these tests cut, and meet their stubbed outcome
            "spring.rabbitmq.listener.simple.auto-startup=false"
        })
@DirtiesContext // its store goes down under it: no later test should share it
class DeletedWhileFinishingTest {

    /** The store this worker talks to, whichever it is (embedded or configured), behind a proxy. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TheStoreBehindAProxy {

        @Bean(destroyMethod = "close")
        FaultyTcpProxy storeProxy(Environment environment) throws IOException {
            // read before the registrar below replaces it: the store's own address
            URI store = environment.getRequiredProperty("exports.storage.endpoint", URI.class);
            return new FaultyTcpProxy("store", store.getHost(), store.getPort());
        }

        @Bean
        DynamicPropertyRegistrar theWorkerReachesTheStoreThroughTheProxy(FaultyTcpProxy storeProxy) {
            return registry -> registry.add("exports.storage.endpoint", () -> "http://127.0.0.1:" + storeProxy.port());
        }
    }

    @MockitoSpyBean
    JobOutcomes outcomes;

    @Autowired
    FaultyTcpProxy proxy;

    @Autowired
    ExportRunner runner;

    @Autowired
    JobTransitions transitions;

    @Autowired
    ExportJobRows rows;

    @Autowired
    Jobs jobs;

    @Autowired
    Store store;

    @Autowired
    JdbcClient jdbc;

    long trainer;

    @BeforeEach
    void theStoreUp() {
        proxy.heal();
        trainer = new SourceRows(jdbc).trainer("Dora", "Deleter", "dora@example.com");
    }

    @Test
    void a_job_deleted_while_its_worker_stores_the_file_leaves_no_file() {
        ExportJob job = jobs.insertQueued(trainer, Dataset.TRAINEES, null);
        deletedJustBeforeTheFinalUpdate(job, false);

        runner.run(job.id());

        assertThat(rows.findById(job.id())).isEmpty();
        assertThat(store.keysOfJob(trainer, job.id())).isEmpty();
        assertThat(queuedCleanupsOf(job)).isEmpty();
    }

    @Test
    void a_removal_the_store_fails_is_queued_and_done_once_the_store_is_back() {
        ExportJob job = jobs.insertQueued(trainer, Dataset.TRAINEES, null);
        deletedJustBeforeTheFinalUpdate(job, true);

        runner.run(job.id());

        assertThat(queuedCleanupsOf(job)).singleElement().satisfies(entry -> {
            assertThat(entry.get("object_key"))
                    .isEqualTo("exports/" + trainer + "/" + job.id() + "/attempt-1/" + job.fileName());
            assertThat(entry.get("last_error")).isNotNull();
        });

        proxy.heal();

        // its next try comes after a backoff of 2.5 to 5 s, then 5 to 10 s
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(queuedCleanupsOf(job)).isEmpty());
        assertThat(store.keysOfJob(trainer, job.id())).isEmpty();
    }

    /**
     * The row goes (as the API's DELETE does it) once the file is stored, before the worker records it. Only
     * for {@code job}: the outcomes of any other job stay real.
     */
    private void deletedJustBeforeTheFinalUpdate(ExportJob job, boolean thenTheStoreGoesDown) {
        doAnswer(call -> {
                    transitions.deleteReturningObjectKey(job.id());
                    if (thenTheStoreGoesDown) {
                        proxy.cut();
                    }
                    return call.callRealMethod();
                })
                .when(outcomes)
                .succeed(argThat(running -> running.id().equals(job.id())), any(), any());
    }

    private List<Map<String, Object>> queuedCleanupsOf(ExportJob job) {
        return jdbc.sql(
                        "select object_key, attempts, last_error from export_file_cleanup where object_key like :folder")
                .param("folder", "exports/" + trainer + "/" + job.id() + "/%")
                .query()
                .listOfRows();
    }
}
