package com.coaching.exports.worker.export;

import com.coaching.exports.shared.metrics.JobMetrics;
import com.coaching.exports.worker.dependency.Dependency;
import com.coaching.exports.worker.storage.OrphanReconciler;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The worker's event counters (requeues, deferrals, orphans removed) at 0 from its start, so the alerts in
 * deploy/prometheus/alerts.yml and the dashboard read 0 rather than no series until the first event.
 */
@Component
class CountersFromZero implements SmartInitializingSingleton {

    private final JobMetrics metrics;

    CountersFromZero(JobMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void afterSingletonsInstantiated() {
        metrics.countFromZero(
                Arrays.stream(Dependency.values())
                        .map(Dependency::waitReason)
                        .distinct()
                        .toList(),
                List.of(OrphanReconciler.OBJECT, OrphanReconciler.UPLOAD));
    }
}
