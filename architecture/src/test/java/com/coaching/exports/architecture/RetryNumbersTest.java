package com.coaching.exports.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.messaging.OutboxProperties;
import com.coaching.exports.shared.retry.RetryPolicy;
import com.coaching.exports.worker.WorkerProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The retry numbers are written once, in the code (a policy's constants, a setting's default); the
 * docs say the same. The webhooks' delays have their own test beside them ({@code WebhookNumbersTest}).
 */
class RetryNumbersTest {

    @Test
    void mails_and_file_removals_are_retried_as_the_architecture_says() throws IOException {
        RetryPolicy.ExponentialHalfJitter patient = RetryPolicy.PATIENT;

        says(
                "docs/architecture.md",
                "`RetryPolicy.PATIENT` (" + spoken(patient.first()) + " doubling to " + spoken(patient.cap())
                        + ", half jitter, never given up)",
                "`RetryPolicy.PATIENT` (" + spoken(patient.first()) + " … " + spoken(patient.cap()) + ")");
    }

    @Test
    void a_job_waiting_for_a_dependency_backs_off_as_the_readme_and_the_architecture_say() throws IOException {
        WorkerProperties worker = defaults("exports.worker", WorkerProperties.class);
        RetryPolicy.ExponentialFullJitter waits = (RetryPolicy.ExponentialFullJitter) worker.retryPolicy();

        says(
                "README.md",
                "backoff " + spoken(waits.first()) + " doubling to " + spoken(waits.cap()),
                "`EXPORTS_WORKER_RETRY_FOR` (" + spoken(worker.retryFor()) + ")");
        says(
                "docs/architecture.md",
                "a wait of anything up to " + spoken(waits.first()) + " after the first failure, doubling to a cap of "
                        + spoken(waits.cap()));
    }

    @Test
    void an_unconfirmed_message_is_published_again_as_the_architecture_says() throws IOException {
        OutboxProperties outbox = defaults("exports.outbox", OutboxProperties.class);
        RetryPolicy.Exponential retries = (RetryPolicy.Exponential) outbox.retries();

        says(
                "docs/architecture.md",
                "(`RetryPolicy.exponential`, " + spoken(retries.first()) + " … " + spoken(retries.cap())
                        + ", without jitter)");
    }

    private static <T> T defaults(String prefix, Class<T> type) {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate(prefix, type);
    }

    /** The document holds each phrase, its lines joined, as a sentence may wrap anywhere. */
    private static void says(String file, String... phrases) throws IOException {
        String text = Files.readString(SourceTree.root().resolve(file)).replaceAll("\\s*\\R\\s*", " ");
        for (String phrase : phrases) {
            assertThat(text.contains(phrase)).as("%s says \"%s\"", file, phrase).isTrue();
        }
    }

    /** 0.5 s, 5 s, 5 min, 1 h: as the docs write a wait. */
    static String spoken(Duration wait) {
        if (wait.toHoursPart() > 0 || wait.toDays() > 0) {
            return wait.toHours() + " h";
        }
        if (wait.toMinutesPart() > 0) {
            return wait.toMinutes() + " min";
        }
        return wait.toMillisPart() > 0 ? wait.toMillis() / 1000.0 + " s" : wait.toSeconds() + " s";
    }
}
