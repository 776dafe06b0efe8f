package com.coaching.exports.worker.xlsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.worker.copy.PgBinary;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workbook as a spreadsheet program opens it: LibreOffice ({@code soffice}, Debian's
 * {@code libreoffice-calc-nogui}) converts it to CSV, one file a sheet, the cells as shown. Skipped where
 * soffice is not installed, unless {@code EXPORTS_REQUIRE_LIBREOFFICE=true} ({@code .ci/run} installs it
 * and sets it), where that fails the test.
 */
class XlsxInLibreOfficeTest {

    /** Set to {@code true} by {@code .ci/run}: the workbook must be opened, never skipped. */
    static final String REQUIRE_LIBREOFFICE = "EXPORTS_REQUIRE_LIBREOFFICE";

    /**
     * LibreOffice's CSV export: commas, quotes, UTF-8 (76), from line 1, values as shown (their number
     * formats), every sheet to its own file (-1).
     */
    private static final String CSV_FILTER =
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

    static Path soffice;

    @TempDir
    Path temp;

    @BeforeAll
    static void soffice() {
        Optional<Path> found = Stream.of(
                        System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "soffice"))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            String missing = "no soffice (LibreOffice) on the PATH";
            // CI installs it and says so: there a missing LibreOffice is a failure, not a skip
            assertThat(System.getenv(REQUIRE_LIBREOFFICE))
                    .as(missing + ", and " + REQUIRE_LIBREOFFICE + " forbids skipping the XLSX files' check in it")
                    .isNotEqualTo("true");
            assumeTrue(
                    false,
                    missing + "; install Debian's libreoffice-calc-nogui (apt-get install --no-install-recommends"
                            + " libreoffice-calc-nogui), as .ci/run does, to open the XLSX files in it");
        }
        soffice = found.get();
    }

    @Test
    void libreoffice_opens_every_sheet_with_typed_cells_in_their_formats_and_the_text_as_stored() throws Exception {
        Instant summer = Instant.parse("2026-07-01T10:15:30Z");
        byte[] file = XlsxRulesTest.xlsx(
                Dataset.PAYMENTS,
                XlsxRulesTest.options(XlsxRulesTest.BERLIN, null),
                2,
                XlsxRulesTest.payment(7, XlsxRulesTest.CREATED, "-1234.50", "Zoë Ünal", PgBinary.text("=1+1")),
                XlsxRulesTest.payment(8, summer, "0.05", " spaced ", PgBinary.text("a<b & \"c\"\n日本語 😀")),
                XlsxRulesTest.payment(9, summer, "99999999.99", "x\u0001y", PgBinary.text("")));

        List<String> sheets = convert(file);

        String header = "Payment ID,Created At (Europe/Berlin),Paid At (Europe/Berlin),Trainee Name,Trainee Email,"
                + "Type,Status,Amount,Currency,Description\n";
        assertThat(sheets)
                .containsExactly(
                        header + "7,2026-11-25 11:15:30,,Zoë Ünal,zoe@example.com,refund,refunded,-1234.50,EUR,=1+1\n",
                        header + "8,2026-07-01 12:15:30,, spaced ,zoe@example.com,refund,refunded,0.05,EUR,"
                                + "\"a<b & \"\"c\"\"\n日本語 😀\"\n",
                        header + "9,2026-07-01 12:15:30,,xy,zoe@example.com,refund,refunded,99999999.99,EUR,\n");
    }

    @Test
    void a_file_that_is_not_a_workbook_gives_no_sheets() throws Exception {
        // the check above can fail: what LibreOffice cannot read as a workbook gives no sheet's CSV
        assertThat(convert("not a zip".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    /** The CSV of each sheet, in the order of the sheets, as LibreOffice writes them. */
    private List<String> convert(byte[] xlsx) throws IOException, InterruptedException {
        Path input = temp.resolve("export.xlsx");
        Files.write(input, xlsx);
        Path out = Files.createDirectories(temp.resolve("csv"));
        Path log = temp.resolve("soffice.log");
        Process process = new ProcessBuilder(
                        soffice.toString(),
                        "--headless",
                        "--norestore",
                        // a profile of its own: no other LibreOffice running on the machine is asked
                        "-env:UserInstallation=" + temp.resolve("profile").toUri(),
                        "--convert-to",
                        CSV_FILTER,
                        "--outdir",
                        out.toString(),
                        input.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("soffice did not convert the workbook within 2 minutes: " + Files.readString(log));
        }
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        try (Stream<Path> files = Files.list(out)) {
            // export-payments.csv, export-payments (2).csv, …: the sheets' order
            return files.sorted(
                            Comparator.comparing((Path file) -> file.toString().length())
                                    .thenComparing(Comparator.naturalOrder()))
                    .map(XlsxInLibreOfficeTest::read)
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
