package com.coaching.exports.worker.dependency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BreakerTest {

    final Breaker store = new Breaker(Dependency.STORE, Clock.systemUTC());

    @Test
    void a_failure_opens_the_breaker_and_a_probe_that_reaches_the_dependency_closes_it() {
        assertThat(store.isOpen()).isFalse();

        store.failed(new RuntimeException("refused"));
        assertThat(store.isOpen()).isTrue();

        store.reached();
        assertThat(store.isOpen()).isFalse();
    }

    @Test
    void a_thread_waiting_for_an_open_breaker_goes_on_as_soon_as_it_closes() throws Exception {
        store.failed(new RuntimeException("refused"));

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return store.awaitClosed(Duration.ofMinutes(1), () -> false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        store.reached();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_wait_ends_open_at_its_bound_or_when_the_waiter_gives_up() throws InterruptedException {
        store.failed(new RuntimeException("refused"));

        assertThat(store.awaitClosed(Duration.ofMillis(50), () -> false)).isFalse();
        assertThat(store.awaitClosed(Duration.ofMinutes(1), () -> true)).isFalse();
        assertThat(store.awaitClosed(Duration.ZERO, () -> false)).isFalse();
    }
}
