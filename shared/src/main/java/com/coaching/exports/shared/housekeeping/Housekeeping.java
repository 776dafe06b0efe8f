package com.coaching.exports.shared.housekeeping;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Schedules every {@link HousekeepingTask} of the process at its fixed delay, on the scheduling
 * pool ({@code spring.task.scheduling.pool.size}: a fixed-delay task never overlaps itself, so each
 * has a thread), and is the one place a failed round is caught: it logs {@code <name> skipped: …} at
 * WARN (operations.md's alerts read these lines) and the task runs again after its interval.
 */
@Component
public class Housekeeping implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final ObjectProvider<HousekeepingTask> tasks;

    Housekeeping(ObjectProvider<HousekeepingTask> tasks) {
        this.tasks = tasks;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        tasks.orderedStream()
                .forEach(task -> registrar.addFixedDelayTask(
                        new FixedDelayTask(() -> run(task), task.interval(), task.initialDelay())));
    }

    /** Runs one round of the task, logging rather than throwing what it failed with. */
    public static void run(HousekeepingTask task) {
        try {
            task.runOnce();
        } catch (DataAccessException | TransactionException | SdkException e) {
            // an outage the message says all about: the database or the store away
            log.warn("{} skipped: {}", task.name(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("{} skipped: {}", task.name(), e.getMessage(), e);
        }
    }
}
