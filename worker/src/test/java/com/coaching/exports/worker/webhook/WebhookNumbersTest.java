package com.coaching.exports.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.outbox.Outcome;
import com.coaching.exports.shared.outbox.Verdict;
import com.coaching.exports.shared.webhook.WebhookProperties;
import com.coaching.exports.shared.webhook.WebhookTries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The webhook retry schedule and the kept tries are written once, in the code (the settings' defaults,
 * {@link WebhookTries#KEPT}); the README and the docs (the settings table in docs/operations.md) say the same, and a delivery is tried again, or
 * given up, as they say, judged by the clock alone.
 */
class WebhookNumbersTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final WebhookProperties DEFAULTS =
            new Binder(new MapConfigurationPropertySource()).bindOrCreate("exports.webhooks", WebhookProperties.class);

    @Test
    void each_failed_try_is_due_again_after_the_next_delay_give_or_take_a_fifth_from_the_clocks_time() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        List<Duration> delays = DEFAULTS.retryDelays();
        for (int failedBefore = 0; failedBefore < delays.size(); failedBefore++) {
            Duration delay = delays.get(failedBefore);
            Verdict<String> verdict = Verdict.of(
                            Outcome.failed("500", "status 500"),
                            failedBefore,
                            DEFAULTS.retries(),
                            clock,
                            ThreadLocalRandom.current())
                    .orElseThrow();

            assertThat(verdict).isInstanceOf(Verdict.RetryAt.class);
            assertThat(((Verdict.RetryAt<String>) verdict).next())
                    .isBetween(
                            NOW.plus(delay.multipliedBy(4).dividedBy(5)),
                            NOW.plus(delay.multipliedBy(6).dividedBy(5)));
        }
    }

    @Test
    void the_try_after_the_last_delay_that_fails_gives_the_event_up() {
        Verdict<String> verdict = Verdict.of(
                        Outcome.failed("500", "status 500"),
                        DEFAULTS.retryDelays().size(),
                        DEFAULTS.retries(),
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        ThreadLocalRandom.current())
                .orElseThrow();

        assertThat(verdict).isEqualTo(new Verdict.GiveUp<>("500", "status 500", NOW, 8));
    }

    @Test
    void the_readme_and_the_api_docs_give_the_codes_retry_delays_and_tries() throws IOException {
        String readme = read("README.md");
        String settings = read("docs/operations.md");
        String api = read("docs/api.md");
        String architecture = read("docs/architecture.md");
        String spoken = spoken(DEFAULTS.retryDelays());
        String setting =
                DEFAULTS.retryDelays().stream().map(WebhookNumbersTest::setting).collect(Collectors.joining(","));
        int tries = DEFAULTS.retryDelays().size() + 1;
        long hours = Math.round(
                DEFAULTS.retryDelays().stream().mapToLong(Duration::toMinutes).sum() / 60.0);
        int percent = (int) Math.round(WebhookProperties.JITTER * 100);

        assertThat(readme).contains("tried again after " + spoken + ";");
        assertThat(settings).contains("`" + setting + "`").contains("(±" + percent + " % jitter)");
        assertThat(api)
                .contains("tried again after " + spoken + "\n(each give or take a fifth), then given up: " + tries
                        + " tries over about " + hours + " hours");
        assertThat(architecture)
                .contains("(" + spoken(DEFAULTS.retryDelays().subList(0, 1)) + " … "
                        + spoken(DEFAULTS.retryDelays()
                                .subList(
                                        DEFAULTS.retryDelays().size() - 1,
                                        DEFAULTS.retryDelays().size()))
                        + ", ±" + percent + " % jitter");
        assertThat(percent).isEqualTo(20); // "a fifth"
    }

    @Test
    void the_readme_and_the_docs_keep_as_many_tries_as_the_code() throws IOException {
        String kept = "last " + WebhookTries.KEPT;

        assertThat(read("README.md")).contains("its " + kept + " tries");
        assertThat(read("docs/operations.md")).contains("the " + kept + " per endpoint");
        assertThat(read("docs/api.md")).contains("the " + kept + " tries, newest first");
        assertThat(read("docs/architecture.md")).contains(kept + " per endpoint");
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of("..").resolve(file)).replaceAll("\r\n", "\n");
    }

    /** 5 s, 5 min, 30 min and 2 h: as the docs write a list of waits. */
    private static String spoken(List<Duration> delays) {
        List<String> words = delays.stream().map(WebhookNumbersTest::spoken).toList();
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    private static String spoken(Duration delay) {
        if (delay.toHoursPart() > 0 || delay.toDays() > 0) {
            return delay.toHours() + " h";
        }
        return delay.toMinutesPart() > 0 ? delay.toMinutes() + " min" : delay.toSeconds() + " s";
    }

    /** 5s, 5m, 2h: as the setting is written. */
    private static String setting(Duration delay) {
        if (delay.toHoursPart() > 0 || delay.toDays() > 0) {
            return delay.toHours() + "h";
        }
        return delay.toMinutesPart() > 0 ? delay.toMinutes() + "m" : delay.toSeconds() + "s";
    }
}
