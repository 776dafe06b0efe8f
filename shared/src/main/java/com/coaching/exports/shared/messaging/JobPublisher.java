package com.coaching.exports.shared.messaging;

import com.coaching.exports.shared.job.Lane;
import com.coaching.exports.shared.tracing.Traces;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Publishes "export requested" with publisher confirms. A job's outbox entry is removed only once
 * the broker confirmed and routed the message ({@link ConfirmedEntries}); until then the outbox
 * sweeper publishes it again. The caller never waits on the broker: messages are sent from threads
 * of their own, and a confirm not come within {@code exports.outbox.confirm-timeout} is a refusal.
 *
 * <p>A stopping application flushes it before the broker connection goes: its phase stops after the
 * listener containers, the schedulers and the web server (so after a stopping worker requeued its
 * jobs) and before the connection factory (phase {@code Integer.MIN_VALUE}); it then waits up to the
 * confirm timeout for the messages in flight. A publish asked for after that sends nothing and leaves
 * the outbox entry to the sweeper.
 */
@Component
@EnableConfigurationProperties(OutboxProperties.class)
public class JobPublisher implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobPublisher.class);
    /** Messages waiting for a sender; past that they stay in the outbox for the sweeper. */
    private static final int WAITING = 10_000;
    /** Threads that send and record the confirms, each holding a database connection while it records one. */
    public static final int SENDERS = 2;

    private final RabbitTemplate rabbit;
    private final ExportMessages messages;
    private final OutboxRepository outbox;
    private final ConfirmedEntries confirmed;
    private final Traces traces;
    private final Duration confirmTimeout;
    private final AtomicLong lastReconnect = new AtomicLong(System.nanoTime());
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(
            SENDERS, SENDERS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WAITING), task -> {
                Thread thread = new Thread(task, "job-publisher");
                thread.setDaemon(true);
                return thread;
            });
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    /** Publishes asked for and not yet settled (confirmed, refused or timed out, and recorded). */
    private int inFlight;

    private volatile boolean stopped;
    private volatile boolean running;

    public JobPublisher(
            RabbitTemplate rabbit,
            ExportMessages messages,
            OutboxRepository outbox,
            OutboxProperties properties,
            Traces traces) {
        this.rabbit = rabbit;
        this.messages = messages;
        this.outbox = outbox;
        this.confirmed = new ConfirmedEntries(outbox);
        this.traces = traces;
        this.confirmTimeout = properties.confirmTimeout();
    }

    /**
     * Publishes the job's message to its lane and, once the broker confirms it, removes its outbox entry.
     * The send is a span of the job's trace ({@code traceparent}), whose context the message carries.
     *
     * @return completes with whether the broker confirmed and routed the message; never fails
     */
    public CompletableFuture<Boolean> publish(UUID jobId, Lane lane, @Nullable String traceparent) {
        if (!admit()) {
            log.warn("publish deferred job={} reason=\"publisher stopped\"", jobId);
            return CompletableFuture.completedFuture(false);
        }
        try {
            return CompletableFuture.supplyAsync(() -> send(jobId, lane, traceparent), senders)
                    .thenCompose(
                            sent -> sent == null ? CompletableFuture.completedFuture(false) : confirmed(jobId, sent))
                    .exceptionally(unexpected -> {
                        log.warn("publish deferred job={} reason=\"{}\"", jobId, unexpected.toString());
                        return false;
                    })
                    .whenComplete((delivered, never) -> settle());
        } catch (RejectedExecutionException e) {
            settle();
            log.warn("publish deferred job={} reason=\"too many messages waiting\"", jobId);
            return CompletableFuture.completedFuture(false);
        }
    }

    private boolean admit() {
        lock.lock();
        try {
            if (stopped) {
                return false;
            }
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void settle() {
        lock.lock();
        try {
            inFlight--;
            settled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private @Nullable CorrelationData send(UUID jobId, Lane lane, @Nullable String traceparent) {
        CorrelationData correlation = new CorrelationData(jobId.toString());
        Message message = messages.encode(new ExportRequested(jobId));
        try {
            return traces.sending("export publish", traceparent, message.getMessageProperties()::setHeader, () -> {
                rabbit.send(ExportMessages.EXCHANGE, ExportMessages.routingKey(lane), message, correlation);
                return correlation;
            });
        } catch (AmqpException e) {
            log.warn("publish deferred job={} reason=\"{}\"", jobId, e.getMessage());
            return null;
        }
    }

    private CompletableFuture<Boolean> confirmed(UUID jobId, CorrelationData correlation) {
        // recorded on a sender thread, never on the broker connection's or the JVM's timer thread
        return correlation
                .getFuture()
                .orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync(
                        (confirm, failure) -> {
                            if (failure instanceof TimeoutException) {
                                reconnect();
                            }
                            boolean delivered = failure == null && confirm.ack() && correlation.getReturned() == null;
                            try {
                                if (delivered) {
                                    confirmed.remove(jobId);
                                } else {
                                    String reason = failure != null
                                            ? failure.toString()
                                            : correlation.getReturned() != null
                                                    ? "unroutable"
                                                    : "nack: " + confirm.reason();
                                    log.warn("publish not confirmed job={} reason=\"{}\"", jobId, reason);
                                    outbox.recordFailure(jobId, reason);
                                }
                            } catch (DataAccessException e) {
                                // the entry stays; the sweeper publishes again, and a duplicate message is harmless
                                log.warn("outbox not updated job={} reason=\"{}\"", jobId, e.getMessage());
                            }
                            return delivered;
                        },
                        senders)
                .exceptionally(rejected -> false);
    }

    /**
     * A broker that took the message and never confirmed it may be gone behind a connection that
     * still looks open (a silent network, a hung broker): the AMQP heartbeat notices that only after
     * two beats. The next send opens a fresh connection instead, at most once per confirm timeout.
     */
    private void reconnect() {
        long now = System.nanoTime();
        long last = lastReconnect.get();
        if (now - last < confirmTimeout.toNanos() || !lastReconnect.compareAndSet(last, now)) {
            return;
        }
        if (rabbit.getConnectionFactory() instanceof CachingConnectionFactory connections) {
            log.warn("broker confirmed nothing within {}: opening a fresh connection", confirmTimeout);
            connections.resetConnection();
        }
    }

    @Override
    public void start() {
        stopped = false;
        running = true;
    }

    /**
     * Takes no new publish and waits up to the confirm timeout (and a second for the outbox update)
     * for those in flight: a stopping worker's requeue is confirmed, or its entry stays for the sweeper.
     */
    @Override
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            long left = confirmTimeout.plusSeconds(1).toNanos();
            while (inFlight > 0 && left > 0) {
                left = settled.awaitNanos(left);
            }
            if (inFlight > 0) {
                log.warn("publisher stopped with {} messages unconfirmed: their outbox entries stay", inFlight);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
            lock.unlock();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after every phase that may publish (listener containers, schedulers, the web server: all
     * above 0) and before the connection factory's.
     */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void destroy() {
        stopped = true;
        senders.shutdown();
    }
}
