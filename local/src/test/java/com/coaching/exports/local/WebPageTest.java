package com.coaching.exports.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.coaching.exports.embedded.faults.FaultyTcpProxy;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.SftpTestServer;
import com.coaching.exports.testkit.Tokens;
import com.coaching.exports.worker.support.SourceRows;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The page at {@code /} in a real browser: Debian's headless Chromium, driven through Selenium,
 * against the whole system. Skipped when the browser is not installed, unless {@code EXPORTS_REQUIRE_BROWSER=true}
 * ({@code .ci/run} installs the browser and sets it), where a missing browser fails the test.
 * Screenshots land in {@code local/target/}.
 */
class WebPageTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Set to {@code true} by {@code .ci/run}: the browser test must run, never skip. */
    static final String REQUIRE_BROWSER = "EXPORTS_REQUIRE_BROWSER";

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final int MANY_ROWS = 600_000;

    static LocalStack stack;
    static FaultyTcpProxy slowStore;
    static JdbcClient jdbc;
    static URI base;

    @TempDir
    Path temp;

    SourceRows rows;
    long trainer;
    ChromeDriver browser;
    Path downloads;
    Instant now;

    @BeforeAll
    static void startTheSystem() {
        if (!browserInstalled()) {
            return; // each test reports itself skipped
        }
        // the worker stores through a proxy that passes 2 MB a second, so the long export (600,000
        // rows, about 60 MB) runs for half a minute: the page sees it run and a cancel finds it
        // running
        // the destinations test's SFTP server runs on this machine
        stack = TestStack.start(
                Map.of("exports.destinations.allow-private-networks", true), WebPageTest::throughASlowStore);
        jdbc = stack.api().getBean(JdbcClient.class);
        base = URI.create("http://localhost:" + stack.apiPort() + "/");
    }

    @AfterAll
    static void stopTheSystem() throws IOException {
        if (stack != null) {
            stack.close();
        }
        if (slowStore != null) {
            slowStore.close();
        }
    }

    private static Map<String, Object> throughASlowStore(ConfigurableApplicationContext api) {
        StorageProperties storage = api.getBean(StorageProperties.class);
        try {
            slowStore = new FaultyTcpProxy(storage.endpoint().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        slowStore.slowUploadsTo(2_000_000);
        return Map.of(
                "exports.storage.endpoint",
                "http://127.0.0.1:" + slowStore.port(),
                "exports.storage.access-key",
                storage.accessKey(),
                "exports.storage.secret-key",
                storage.secretKey(),
                "exports.storage.path-style-access",
                "true");
    }

    @BeforeEach
    void aTrainer() {
        if (!browserInstalled()) {
            String missing = "no headless Chromium (" + CHROMIUM + ", " + CHROMEDRIVER + ")";
            // CI installs the browser and says so: there a missing browser is a failure, not a skip
            assertThat(System.getenv(REQUIRE_BROWSER))
                    .as(missing + ", and " + REQUIRE_BROWSER + " forbids skipping the browser test")
                    .isNotEqualTo("true");
            assumeTrue(
                    false,
                    missing
                            + "; install Debian's chromium and chromium-driver, as .ci/run does, to run the browser test");
        }
        rows = new SourceRows(jdbc);
        trainer = rows.trainer("Tess", "Trainer", "tess@example.com");
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterEach
    void noScriptErrorsThenCloseTheBrowser() {
        if (browser == null) {
            return;
        }
        try {
            // refused API calls (401, 403) are logged by the browser as failed loads: expected here
            assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                    .filteredOn(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                    .filteredOn(entry -> !entry.getMessage().contains("Failed to load resource"))
                    .as("script errors and refused content in the browser console")
                    .isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void on_a_phone_a_trainer_starts_a_payments_export_sees_it_finish_and_downloads_the_file() throws Exception {
        long zoe = rows.trainee(trainer, "Zoë", "O'Brien", "zoe@example.com", true, now);
        rows.payment(
                trainer,
                zoe,
                "49",
                "EUR",
                "succeeded",
                "subscription",
                "June",
                now.minus(1, ChronoUnit.DAYS),
                now.minus(1, ChronoUnit.DAYS));
        rows.payment(trainer, zoe, "-10", "EUR", "refunded", "refund", "=1+1", now.minus(2, ChronoUnit.DAYS), null);
        rows.payment(
                trainer,
                zoe,
                "99",
                "EUR",
                "succeeded",
                "subscription",
                "too old",
                now.minus(40, ChronoUnit.DAYS),
                null);
        String token = Tokens.trainer(trainer);

        open(375, 800, "#token=" + token);

        assertThat(browser.executeScript("return window.innerWidth")).isEqualTo(375L);
        assertThat(browser.getCurrentUrl())
                .as("the token leaves the address bar")
                .doesNotContain("token");
        assertThat(browser.executeScript("return sessionStorage.getItem('exports.token')"))
                .isEqualTo(token);
        assertThat(text("who")).isEqualTo("Signed in as user " + trainer + ", trainer");
        eventually().until(() -> displayed("history-empty"));

        new Select(byId("dataset")).selectByValue("payments");
        byId("days").clear();
        byId("days").sendKeys("30", Keys.ENTER); // the keyboard submits the form

        eventually().until(() -> text("current-text").startsWith("Done: 2 rows"));
        assertThat(text("current-title")).isEqualTo("Payments, last 30 days · Succeeded");
        assertThat(byId("current-progress").getDomAttribute("value")).isEqualTo("1");
        assertThat(text("status")).startsWith("Your export (payments, last 30 days) is ready: 2 rows");
        WebElement row = onlyRow();
        assertThat(cell(row, "Data")).isEqualTo("Payments, last 30 days");
        assertThat(cell(row, "State")).isEqualTo("Succeeded");
        assertThat(cell(row, "Rows")).isEqualTo("2");
        assertThat(cell(row, "Size")).endsWith(" B");
        screenshot("web-page.png");

        WebElement download = row.findElement(By.cssSelector("a.download"));
        download.click();

        Path file = eventually()
                .until(() -> downloaded("payments-"), Optional::isPresent)
                .get();
        String href = download.getDomProperty("href");
        assertThat(URI.create(href).getPort())
                .as("the presigned link points at the store")
                .isNotEqualTo(stack.apiPort());
        byte[] expected = apiDownload(token, row.getDomAttribute("data-id"));
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        assertThat(new String(expected, StandardCharsets.UTF_8))
                .startsWith(
                        "Payment ID,Created At,Paid At,Trainee Name,Trainee Email,Type,Status,Amount,Currency,Description\r\n")
                .contains(",49.00,EUR,June\r\n", ",-10.00,EUR,'=1+1\r\n")
                .doesNotContain("too old");
        eventually().until(() -> text("status").equals("Downloading " + file.getFileName() + "."));
    }

    @Test
    void a_trainer_saves_the_form_as_a_schedule_then_pauses_resumes_and_deletes_it() throws Exception {
        open(1280, 900, "#token=" + Tokens.trainer(trainer));
        eventually().until(() -> displayed("schedules-empty"));
        new Select(byId("dataset")).selectByValue("payments");
        byId("days").clear();
        byId("days").sendKeys("7");
        byId("schedule-zone").clear();
        byId("schedule-zone").sendKeys("Europe/Berlin");

        byId("cron").clear();
        byId("cron").sendKeys("0 7 * *");
        byId("save-schedule").click();
        eventually().until(() -> text("cron-error").startsWith("When must have 5 fields"));
        assertThat(byId("cron").getDomAttribute("aria-invalid")).isEqualTo("true");

        byId("cron").clear();
        byId("cron").sendKeys("0 7 * * MON");
        byId("save-schedule").click();
        eventually().until(() -> !scheduleRows().isEmpty());
        WebElement row = scheduleRows().get(0);
        assertThat(cell(row, "When")).isEqualTo("0 7 * * MON (Europe/Berlin)");
        assertThat(cell(row, "Data")).isEqualTo("Payments, last 7 days");
        assertThat(cell(row, "State")).isEqualTo("Active");
        assertThat(cell(row, "Next run")).isNotEqualTo("–");
        assertThat(text("cron-error")).isEmpty();
        assertThat(text("status")).startsWith("Schedule saved: Payments, last 7 days at");
        screenshot("web-page-schedules.png");

        row.findElement(By.cssSelector("button.pause")).click();
        eventually().until(() -> cell(scheduleRows().get(0), "State").equals("Paused"));
        assertThat(cell(scheduleRows().get(0), "Next run")).isEqualTo("–");
        scheduleRows().get(0).findElement(By.cssSelector("button.pause")).click();
        eventually().until(() -> cell(scheduleRows().get(0), "State").equals("Active"));

        scheduleRows().get(0).findElement(By.cssSelector("button.delete")).click();
        assertThat(browser.switchTo().alert().getText()).endsWith("? The exports it made stay.");
        browser.switchTo().alert().accept();
        eventually().until(() -> displayed("schedules-empty"));
        assertThat(jdbc.sql("select count(*) from export_schedule where trainer_id = :trainer")
                        .param("trainer", trainer)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void a_trainer_unfolds_the_schedules_window_and_saves_one_that_exports_only_what_is_new_since_the_last_run()
            throws Exception {
        open(1280, 900, "#token=" + Tokens.trainer(trainer));
        eventually().until(() -> displayed("schedules-empty"));
        new Select(byId("dataset")).selectByValue("trainees");
        assertThat(displayed("since-last-run-field"))
                .as("payments alone have a window")
                .isFalse();
        new Select(byId("dataset")).selectByValue("payments");
        byId("days").clear();
        byId("days").sendKeys("7");
        byId("schedule-zone").clear();
        byId("schedule-zone").sendKeys("UTC");
        byId("cron").clear();
        byId("cron").sendKeys("0 6 * * *");
        assertThat(displayed("since-last-run"))
                .as("folded away until asked for")
                .isFalse();

        byId("since-last-run-field").findElement(By.tagName("summary")).click();
        byId("since-last-run").click();
        screenshot("web-page-since-last-run.png");
        byId("save-schedule").click();

        eventually().until(() -> !scheduleRows().isEmpty());
        assertThat(cell(scheduleRows().get(0), "Data"))
                .isEqualTo("Payments, new since the last run (first run: last 7 days)");
        assertThat(text("status"))
                .startsWith("Schedule saved: Payments, new since the last run (first run: last 7 days) at");
        assertThat(jdbc.sql("select since_last_run from export_schedule where trainer_id = :trainer")
                        .param("trainer", trainer)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void on_a_desktop_a_long_export_shows_its_rows_as_they_are_written_then_is_cancelled_and_deleted()
            throws Exception {
        long anna = rows.trainee(trainer, "Anna", "Lee", "anna@example.com", true, now);
        rows.manyPayments(trainer, anna, MANY_ROWS, "Row ");
        try {
            open(1280, 900, "#token=" + Tokens.trainer(trainer));
            eventually().until(() -> displayed("history-empty"));

            byId("days").clear();
            byId("days").sendKeys("30");
            byId("start").click();

            Pattern running = Pattern.compile(
                    "([\\d,.\\s]+) rows written so far|([\\d,.\\s]+) of about [\\d,.\\s]+ rows \\(\\d+%\\)");
            eventually().pollInterval(Duration.ofMillis(100)).until(() -> {
                Matcher matcher = running.matcher(text("current-text"));
                return matcher.find() && digits(matcher.group(1) != null ? matcher.group(1) : matcher.group(2)) > 0;
            });
            WebElement bar = byId("current-progress");
            assertThat(bar.getDomAttribute("value") == null || Double.parseDouble(bar.getDomAttribute("value")) > 0)
                    .as("indeterminate, or filled by the rows written so far")
                    .isTrue();
            assertThat(cell(onlyRow(), "State")).isEqualTo("Running");
            screenshot("web-page-progress.png");

            byId("current-actions").findElement(By.cssSelector("button.cancel")).click();

            eventually().until(() -> text("current-title").equals("Payments, last 30 days · Cancelled"));
            assertThat(text("current-text")).isEqualTo("Cancelled; no file was kept.");
            eventually().until(() -> cell(onlyRow(), "State").equals("Cancelled"));

            onlyRow().findElement(By.cssSelector("button.delete")).click();
            assertThat(browser.switchTo().alert().getText())
                    .matches("Delete the export of .+ \\(payments, last 30 days\\)\\? Its file is removed too\\.");
            browser.switchTo().alert().accept();

            eventually().until(() -> displayed("history-empty"));
            assertThat(byId("job-rows").findElements(By.tagName("tr"))).isEmpty();
            assertThat(displayed("current")).isFalse();
            assertThat(text("status")).matches("The export of .+ \\(payments, last 30 days\\) was deleted\\.");
            assertThat(jdbc.sql("select count(*) from export_job where trainer_id = :trainer")
                            .param("trainer", trainer)
                            .query(Long.class)
                            .single())
                    .isZero();
        } finally {
            rows.removePaymentsOf(trainer);
        }
    }

    @Test
    void a_trainer_adds_an_sftp_destination_tests_it_and_an_export_is_delivered_there() throws Exception {
        try (SftpTestServer sftp =
                SftpTestServer.start(Files.createDirectories(temp.resolve("sftp")), "a-password-for-the-page")) {
            Files.createDirectories(sftp.root().resolve("upload"));
            open(1280, 900, "#token=" + Tokens.trainer(trainer));
            eventually().until(() -> displayed("destinations-empty"));

            new Select(byId("destination-type")).selectByValue("sftp");
            byId("destination-name").sendKeys("Finance SFTP");
            byId("sftp-host").sendKeys("127.0.0.1");
            byId("sftp-port").clear();
            byId("sftp-port").sendKeys(Integer.toString(sftp.port()));
            byId("sftp-username").sendKeys(SftpTestServer.USER);
            byId("sftp-password").sendKeys("a-password-for-the-page");
            byId("sftp-fingerprint").sendKeys(sftp.fingerprint());
            byId("add-destination").click();
            eventually().until(() -> destinationRows().size() == 1);
            assertThat(cell(destinationRows().get(0), "Where"))
                    .isEqualTo("SFTP trainer@127.0.0.1:" + sftp.port() + "/upload");
            assertThat(byId("sftp-password").getDomProperty("value")).isEmpty();
            destinationRows().get(0).findElement(By.cssSelector("button.test")).click();
            eventually().until(() -> text("status").startsWith("Finance SFTP works"));

            new Select(byId("dataset")).selectByValue("payments");
            new Select(byId("destination")).selectByVisibleText("Finance SFTP");
            byId("start").click();
            eventually()
                    .until(() -> parameter("Delivery")
                            .startsWith("delivered to Finance SFTP (sftp://127.0.0.1/upload/payments-"));
            screenshot("web-page-destinations.png");
            try (Stream<Path> files = Files.list(sftp.root().resolve("upload"))) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .singleElement()
                        .satisfies(name -> assertThat(parameter("Delivery")).contains(name));
            }

            destinationRows()
                    .get(0)
                    .findElement(By.cssSelector("button.delete"))
                    .click();
            browser.switchTo().alert().accept();
            eventually().until(() -> displayed("destinations-empty"));
        }
    }

    @Test
    void a_trainee_is_told_that_only_trainers_can_export() throws Exception {
        long trainee = rows.trainee(trainer, "Tim", "Trainee", "tim@example.com", true, now);

        open(375, 800, "#token=" + Tokens.withRole(trainee, "TRAINEE"));

        eventually().until(() -> text("alert").equals("Only trainers can export."));
        byId("start").click();
        eventually().until(() -> text("alert").equals("Only trainers can export."));
        screenshot("web-page-trainee.png");
    }

    @Test
    void a_token_the_api_refuses_asks_for_a_new_one_which_can_be_pasted_and_then_exports_gzipped() throws Exception {
        String forged = Tokens.trainer(trainer).replaceAll("\\.[^.]+$", ".c2lnbmF0dXJl");

        open(1280, 900, "#token=" + forged);

        eventually().until(() -> text("alert").equals("Your session has expired, paste a new token."));
        assertThat(displayed("token-form")).isTrue();
        assertThat(displayed("new-export")).isFalse();
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("token");
        assertThat(browser.executeScript("return sessionStorage.getItem('exports.token')"))
                .isNull();
        screenshot("web-page-signed-out.png");

        byId("token").sendKeys(Tokens.trainer(trainer), Keys.ENTER);

        eventually().until(() -> displayed("history-empty"));
        assertThat(text("alert")).isEmpty();
        assertThat(text("who")).isEqualTo("Signed in as user " + trainer + ", trainer");

        new Select(byId("dataset")).selectByValue("trainees");
        assertThat(displayed("days-field")).as("days are for payments only").isFalse();
        byId("gzip").click();
        byId("start").click();

        eventually().until(() -> text("current-text").startsWith("Done: 0 rows"));
        assertThat(cell(onlyRow(), "Data")).isEqualTo("Trainees, gzip");
        assertThat(onlyRow().findElement(By.cssSelector("a.download")).getDomAttribute("download"))
                .endsWith(".csv.gz");
    }

    @Test
    void a_trainer_picks_a_zone_a_date_range_some_columns_and_semicolons_and_the_file_has_just_those()
            throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        LocalDate today = LocalDate.now(berlin);
        long zoe = rows.trainee(trainer, "Zoë", "O'Brien", "zoe@example.com", true, now);
        Instant inside = now.minus(5, ChronoUnit.DAYS);
        rows.payment(trainer, zoe, "49", "EUR", "succeeded", "subscription", "June; July", inside, null);
        rows.payment(
                trainer,
                zoe,
                "99",
                "EUR",
                "succeeded",
                "subscription",
                "before from",
                now.minus(20, ChronoUnit.DAYS),
                null);
        rows.payment(trainer, zoe, "15", "EUR", "succeeded", "subscription", "after to", now, null);
        String token = Tokens.trainer(trainer);

        open(1280, 900, "#token=" + token);
        eventually().until(() -> displayed("history-empty"));
        eventually()
                .until(() -> !byId("columns")
                        .findElements(By.cssSelector("input[type=checkbox]"))
                        .isEmpty());

        assertThat(byId("timezone").getDomProperty("value"))
                .as("the zone defaults to the browser's")
                .isEqualTo(browser.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone"));
        assertThat(byId("columns").findElements(By.cssSelector("input[type=checkbox]")))
                .as("every column, checked, in the order GET /api/v1/datasets lists them")
                .extracting(box -> box.getDomProperty("value") + "=" + box.isSelected())
                .containsExactly(
                        "Payment ID=true",
                        "Created At=true",
                        "Paid At=true",
                        "Trainee Name=true",
                        "Trainee Email=true",
                        "Type=true",
                        "Status=true",
                        "Amount=true",
                        "Currency=true",
                        "Description=true");
        assertThat(displayed("range-field")).as("days back by default").isFalse();

        byId("timezone").clear();
        byId("timezone").sendKeys("Europe/Berlin");
        byId("window-range").click();
        assertThat(displayed("days-field")).isFalse();
        date("from", today.minusDays(10));
        date("to", today.minusDays(2));
        byId("columns-none").click();
        for (String column : List.of("Created At", "Amount", "Description")) {
            byId("columns")
                    .findElement(By.cssSelector("input[value='" + column + "']"))
                    .click();
        }
        WebElement descriptionEarlier = byId("columns").findElement(By.cssSelector("button[data-move='Description']"));
        descriptionEarlier.click(); // before Currency
        descriptionEarlier.click(); // before Amount
        new Select(byId("delimiter")).selectByValue(";");
        new Select(byId("format")).selectByValue("xlsx");
        assertThat(displayed("csv-field")).as("CSV options are for CSV files").isFalse();
        new Select(byId("format")).selectByValue("csv");
        assertThat(displayed("csv-field")).isTrue();
        byId("start").click();

        eventually().until(() -> text("current-text").startsWith("Done: 1 rows"));
        String range = today.minusDays(10) + " to " + today.minusDays(2);
        assertThat(text("current-title")).isEqualTo("Payments, " + range + " · Succeeded");
        assertThat(parameter("Payments")).isEqualTo(range);
        assertThat(parameter("Time zone")).isEqualTo("Europe/Berlin");
        assertThat(parameter("Columns")).isEqualTo("Created At, Description, Amount");
        assertThat(parameter("CSV")).isEqualTo("semicolon between cells, CRLF line endings, no byte order mark");
        screenshot("web-page-options.png");

        byte[] file = apiDownload(token, onlyRow().getDomAttribute("data-id"));
        assertThat(new String(file, StandardCharsets.UTF_8))
                .isEqualTo("Created At;Description;Amount\r\n"
                        + inside.atZone(berlin).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        + ";\"June; July\";49.00\r\n");
    }

    @Test
    void a_trainer_unfolds_the_statuses_and_exports_only_failed_payments_as_json_lines() throws Exception {
        long zoe = rows.trainee(trainer, "Zoë", "O'Brien", "zoe@example.com", true, now);
        rows.payment(trainer, zoe, "12.5", "EUR", "failed", "subscription", "declined", now.minusSeconds(60), null);
        rows.payment(trainer, zoe, "49", "EUR", "succeeded", "subscription", "paid", now.minusSeconds(120), now);
        String token = Tokens.trainer(trainer);

        open(1280, 900, "#token=" + token);
        eventually().until(() -> displayed("history-empty"));
        eventually()
                .until(() -> !byId("statuses")
                        .findElements(By.cssSelector("input[type=checkbox]"))
                        .isEmpty());
        assertThat(displayed("statuses")).as("folded away until asked for").isFalse();
        byId("status-field").findElement(By.tagName("summary")).click();
        assertThat(byId("statuses").findElements(By.cssSelector("input[type=checkbox]")))
                .extracting(box -> box.getDomProperty("value") + "=" + box.isSelected())
                .containsExactly("succeeded=false", "pending=false", "failed=false", "refunded=false");
        byId("status-failed").click();
        new Select(byId("format")).selectByValue("jsonl");
        assertThat(displayed("csv-field")).as("CSV options are for CSV files").isFalse();
        byId("start").click();

        eventually().until(() -> text("current-text").startsWith("Done: 1 rows"));
        assertThat(text("current-title")).isEqualTo("Payments, last 30 days, JSONL, failed · Succeeded");
        assertThat(parameter("Statuses")).isEqualTo("failed");
        assertThat(parameter("File type")).isEqualTo("JSONL");
        assertThat(parameter("Data as of")).isNotBlank();

        byte[] file = apiDownload(token, onlyRow().getDomAttribute("data-id"));
        assertThat(new String(file, StandardCharsets.UTF_8))
                .startsWith("{\"payment_id\":")
                .contains("\"status\":\"failed\",\"amount\":12.50,")
                .endsWith("\"description\":\"declined\"}\n")
                .hasLineCount(1);
        new Select(byId("dataset")).selectByValue("trainees");
        assertThat(displayed("status-field")).as("trainees have no status").isFalse();
    }

    @Test
    void a_trainer_unfolds_all_datasets_in_one_zip_and_gets_a_file_of_each_and_a_manifest() throws Exception {
        long zoe = rows.trainee(trainer, "Zoë", "O'Brien", "zoe@example.com", true, now);
        rows.payment(trainer, zoe, "12.5", "EUR", "failed", "subscription", "declined", now.minusSeconds(60), null);
        String token = Tokens.trainer(trainer);

        open(375, 800, "#token=" + token);
        eventually().until(() -> displayed("history-empty"));
        eventually()
                .until(() -> !byId("columns")
                        .findElements(By.cssSelector("input[type=checkbox]"))
                        .isEmpty());
        assertThat(displayed("bundle")).as("folded away until asked for").isFalse();
        byId("bundle-field").findElement(By.tagName("summary")).click();
        byId("bundle").click();
        assertThat(displayed("columns-field"))
                .as("a bundle's files have every column")
                .isFalse();
        assertThat(displayed("status-field")).isFalse();
        assertThat(byId("dataset").isEnabled()).isFalse();
        assertThat(displayed("window-field"))
                .as("the window applies to payments")
                .isTrue();
        byId("start").click();

        eventually().until(() -> text("current-text").startsWith("Done:"));
        assertThat(text("current-title")).isEqualTo("ZIP of Payments, Subscribers, Trainees, last 30 days · Succeeded");
        screenshot("web-page-bundle.png");
        Map<String, String> members = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(
                new ByteArrayInputStream(apiDownload(token, onlyRow().getDomAttribute("data-id"))))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                members.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(members).containsOnlyKeys("payments.csv", "subscribers.csv", "trainees.csv", "manifest.json");
        assertThat(members.get("payments.csv")).contains("declined");
        assertThat(members.get("trainees.csv")).contains("O'Brien");
        assertThat(members.get("manifest.json")).contains("\"name\":\"payments.csv\"");

        byId("bundle").click();
        assertThat(displayed("columns-field")).as("one dataset again").isTrue();
        assertThat(byId("dataset").isEnabled()).isTrue();
    }

    @Test
    void a_date_range_that_ends_before_it_starts_is_refused_beside_its_field() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        open(375, 800, "#token=" + Tokens.trainer(trainer));
        eventually().until(() -> displayed("history-empty"));
        eventually()
                .until(() -> !byId("columns")
                        .findElements(By.cssSelector("input[type=checkbox]"))
                        .isEmpty());

        byId("timezone").clear();
        byId("timezone").sendKeys("UTC");
        byId("window-range").click();
        date("from", today.minusDays(2));
        date("to", today.minusDays(5));
        byId("start").click();

        eventually().until(() -> text("from-error").equals("From must not be after to"));
        assertThat(byId("from").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("from");
        assertThat(text("to-error")).isEmpty();
        assertThat(text("alert")).isEqualTo("The export was not started: correct the field marked below.");
        assertThat(displayed("current")).isFalse();
        screenshot("web-page-field-error.png");

        byId("timezone").clear();
        byId("timezone").sendKeys("Mars/Olympus");
        date("from", today.minusDays(5));
        date("to", today.minusDays(2));
        byId("start").click();

        eventually().until(() -> text("timezone-error").startsWith("Time zone must be an IANA time zone id"));
        assertThat(text("from-error")).as("the earlier error is gone").isEmpty();
        assertThat(jdbc.sql("select count(*) from export_job where trainer_id = :trainer")
                        .param("trainer", trainer)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    // ---- the browser --------------------------------------------------------------------------

    private static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private void open(int width, int height, String fragment) throws IOException {
        downloads = Files.createDirectories(temp.resolve("downloads"));
        // the Debian driver and browser, named outright: Selenium Manager must not try to fetch any
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + Files.createDirectories(temp.resolve("profile")),
                "--window-size=" + width + "," + height);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory", downloads.toString(),
                        "download.prompt_for_download", false,
                        "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        // a window is at least 500 px wide; the emulated screen can be a phone's
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
        browser.get(base + fragment);
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    /** A date input takes its value as the browser's locale spells it; set the ISO value as a picker would. */
    private void date(String id, LocalDate date) {
        browser.executeScript(
                "arguments[0].value = arguments[1];"
                        + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                        + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                byId(id),
                date.toString());
    }

    /** One accepted parameter of the current export, as the page lists it. */
    private String parameter(String name) {
        return byId("current-parameters")
                .findElement(By.cssSelector("dd[data-name='" + name + "']"))
                .getText();
    }

    private String text(String id) {
        return byId(id).getText();
    }

    private boolean displayed(String id) {
        return byId(id).isDisplayed();
    }

    private List<WebElement> destinationRows() {
        return byId("destination-rows").findElements(By.tagName("tr"));
    }

    private List<WebElement> scheduleRows() {
        return byId("schedule-rows").findElements(By.tagName("tr"));
    }

    private WebElement onlyRow() {
        List<WebElement> all = byId("job-rows").findElements(By.tagName("tr"));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** A cell's own text, without the label the phone layout shows beside it. */
    /**
     * Waits for what the page shows; an element the page replaced meanwhile (it redraws its tables) is
     * looked up again at the next try.
     */
    private static ConditionFactory eventually() {
        return await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class);
    }

    private String cell(WebElement row, String label) {
        return row.findElement(By.cssSelector("td[data-label='" + label + "']"))
                .getText()
                .strip();
    }

    private static long digits(String number) {
        return Long.parseLong(number.replaceAll("\\D", ""));
    }

    private Optional<Path> downloaded(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .findFirst();
        }
    }

    private byte[] apiDownload(String token, String jobId) {
        ApiClient api = new ApiClient(base, token);
        var redirect = api.get("/api/v1/exports/" + jobId + "/download");
        assertThat(redirect.status()).isEqualTo(302);
        return api.fetch(URI.create(redirect.header("Location"))).body();
    }

    /** The whole page, not only the window, so the list below the fold shows too. */
    @SuppressWarnings("unchecked")
    private void screenshot(String name) throws IOException {
        Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> shot = browser.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1)));
        Path target = Files.createDirectories(Path.of("target"));
        Files.write(target.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
    }
}
