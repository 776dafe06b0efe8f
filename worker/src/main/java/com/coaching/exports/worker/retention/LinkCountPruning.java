package com.coaching.exports.worker.retention;

import com.coaching.exports.shared.audit.IssuedLinks;
import com.coaching.exports.shared.housekeeping.HousekeepingTask;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Removes the counts of links issued ({@code export_link_count}) once they are {@value
 * IssuedLinks#KEPT_DAYS} days old. Nothing else removes them: they outlive their jobs on purpose.
 */
@Component
class LinkCountPruning implements HousekeepingTask {

    private static final Logger log = LoggerFactory.getLogger(LinkCountPruning.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final IssuedLinks issued;
    private final Clock clock;

    LinkCountPruning(IssuedLinks issued, Clock clock) {
        this.issued = issued;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "pruning link counts";
    }

    @Override
    public Duration interval() {
        return EVERY;
    }

    @Override
    public void runOnce() {
        prune();
    }

    int prune() {
        int removed = issued.prune(clock);
        if (removed > 0) {
            log.info("link counts pruned rows={} keptDays={}", removed, IssuedLinks.KEPT_DAYS);
        }
        return removed;
    }
}
