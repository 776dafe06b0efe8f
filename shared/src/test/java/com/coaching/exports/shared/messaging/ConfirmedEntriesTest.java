package com.coaching.exports.shared.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Confirms that arrive while entries are being removed wait for that removal, and go in one statement after it. */
class ConfirmedEntriesTest {

    private final List<List<UUID>> statements = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch firstMayEnd = new CountDownLatch(1);

    /** Records each statement's entries; the first one waits until the test lets it end. */
    private final OutboxRepository outbox = new OutboxRepository(JdbcClient.create(new SimpleDriverDataSource())) {
        @Override
        public void remove(List<UUID> jobIds) {
            statements.add(List.copyOf(jobIds));
            if (statements.size() == 1) {
                firstStarted.countDown();
                awaitQuietly(firstMayEnd);
            }
        }
    };

    @Test
    void confirms_during_a_removal_are_left_to_its_thread_which_removes_them_all_in_one_more_statement()
            throws InterruptedException {
        ConfirmedEntries entries = new ConfirmedEntries(outbox);
        UUID first = UUID.randomUUID();
        Thread remover = new Thread(() -> entries.remove(first));
        remover.start();
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

        List<UUID> during = Stream.generate(UUID::randomUUID).limit(5).toList();
        during.forEach(entries::remove); // each returns at once: the remover's thread takes it
        assertThat(statements).containsExactly(List.of(first));
        firstMayEnd.countDown();
        remover.join(10_000);

        assertThat(statements).containsExactly(List.of(first), during);
    }

    @Test
    void one_confirm_at_a_time_is_removed_at_once_by_its_own_thread() {
        ConfirmedEntries entries = new ConfirmedEntries(outbox);
        firstMayEnd.countDown();
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();

        entries.remove(one);
        entries.remove(two);

        assertThat(statements).containsExactly(List.of(one), List.of(two));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
