package com.coaching.exports.worker.xlsx;

import com.coaching.exports.shared.dataset.CellType;
import com.coaching.exports.shared.dataset.Column;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.worker.copy.Binary;
import com.coaching.exports.worker.copy.CopyRows;
import com.coaching.exports.worker.copy.Numeric;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jspecify.annotations.Nullable;

/**
 * Turns the output of a dataset's binary COPY ({@link CopyRows}) into an XLSX workbook written as
 * a stream (fastexcel: rows go to the zip as they are flushed, strings inline, so memory does not
 * grow with the rows). Cells are typed: integers and amounts ({@code 0.00}) are numbers, dates and
 * timestamps (in the job's zone, named in the header) are date cells, booleans are booleans, text
 * is text and never a formula, so it needs no {@code '} guard. The header row is bold and frozen,
 * with an autofilter. A sheet holds {@link Worksheet#MAX_ROWS} rows, header included; the rows go
 * on in a new sheet, {@code payments (2)}, with the header again.
 */
public final class CopyToXlsx {

    /** Rows kept by fastexcel before they are written out: a bound on memory, whatever the file's size. */
    private static final int FLUSH_EVERY_ROWS = 1_000;

    static final String TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss";
    static final String DATE_FORMAT = "yyyy-mm-dd";
    static final String AMOUNT_FORMAT = "0.00";

    private final String sheetName;
    private final CopyRows rows;
    private final ZoneId zone;
    private final List<String> headers;
    private final int maxRowsPerSheet;
    private final Workbook workbook;
    private @Nullable Worksheet sheet;
    private int sheets;
    private int row;

    /** Writes to {@code out}, which stays open (the caller finishes compression and the upload). */
    public CopyToXlsx(Dataset dataset, ExportOptions options, OutputStream out) {
        this(dataset, options, out, Worksheet.MAX_ROWS);
    }

    CopyToXlsx(Dataset dataset, ExportOptions options, OutputStream out, int maxRowsPerSheet) {
        this.sheetName = dataset.id();
        this.rows = new CopyRows(dataset, options.columns());
        this.zone = options.effectiveZone();
        this.maxRowsPerSheet = maxRowsPerSheet;
        this.headers = rows.columns().stream().map(this::header).toList();
        this.workbook = new Workbook(new KeptOpen(out), "exports", "1.0");
    }

    /** The header of a column: a timestamp's names its zone, {@code Created At (Europe/Berlin)}. */
    private String header(Column column) {
        return column.type() == CellType.TIMESTAMP ? column.header() + " (" + zone.getId() + ")" : column.header();
    }

    /** Takes one message; returns whether it held a row, which is then a row of the current sheet. */
    public boolean accept(byte[] message) throws IOException {
        if (!rows.accept(message)) {
            return false;
        }
        Worksheet current = sheet;
        if (current == null || row == maxRowsPerSheet) {
            current = newSheet();
        }
        for (int c = 0, width = headers.size(); c < width; c++) {
            if (!rows.isNull(c)) {
                cell(current, c, rows.type(c), message, rows.start(c), rows.length(c));
            }
        }
        row++;
        if (row % FLUSH_EVERY_ROWS == 0) {
            current.flush();
        }
        return true;
    }

    /** Whether the end marker came: every row was read. */
    public boolean ended() {
        return rows.ended();
    }

    /** Ends the workbook (a file without rows still has its sheet and header). */
    public void finish() throws IOException {
        Worksheet current = sheet == null ? newSheet() : sheet;
        current.finish();
        workbook.finish();
    }

    private Worksheet newSheet() throws IOException {
        if (sheet != null) {
            sheet.finish();
        }
        sheets++;
        Worksheet next = workbook.newWorksheet(sheets == 1 ? sheetName : sheetName + " (" + sheets + ")");
        for (int c = 0; c < headers.size(); c++) {
            next.inlineString(0, c, headers.get(c));
            next.style(0, c).bold().set();
            next.width(c, width(rows.type(c), headers.get(c)));
        }
        next.freezePane(0, 1);
        next.setAutoFilter(0, 0, headers.size() - 1);
        sheet = next;
        row = 1;
        return next;
    }

    /** Wide enough for the header and a typical value of the column's kind, in characters. */
    private static double width(CellType type, String header) {
        int value = switch (type) {
            case TIMESTAMP -> 20;
            case DATE -> 12;
            case AMOUNT, INTEGER -> 12;
            case BOOLEAN -> 8;
            case TEXT -> 24;
        };
        return Math.min(60, Math.max(value, header.length() + 4));
    }

    private void cell(Worksheet sheet, int c, CellType type, byte[] value, int at, int length) {
        switch (type) {
            case INTEGER -> {
                Binary.expectLength(length, 8);
                sheet.value(row, c, Binary.int8(value, at));
            }
            case TEXT -> sheet.inlineString(row, c, new String(value, at, length, StandardCharsets.UTF_8));
            case TIMESTAMP -> {
                Binary.expectLength(length, 8);
                long micros = Binary.int8(value, at);
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    sheet.inlineString(row, c, micros > 0 ? "infinity" : "-infinity");
                    return;
                }
                Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + Binary.PG_EPOCH_SECOND);
                sheet.value(row, c, LocalDateTime.ofInstant(instant, zone));
                sheet.style(row, c).format(TIMESTAMP_FORMAT).set();
            }
            case DATE -> {
                Binary.expectLength(length, 4);
                int days = Binary.int4(value, at);
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    sheet.inlineString(row, c, days > 0 ? "infinity" : "-infinity");
                    return;
                }
                sheet.value(row, c, LocalDate.ofEpochDay(days + Binary.PG_EPOCH_DAY));
                sheet.style(row, c).format(DATE_FORMAT).set();
            }
            case AMOUNT -> {
                sheet.value(row, c, BigDecimal.valueOf(Numeric.cents(value, at, length), 2));
                sheet.style(row, c).format(AMOUNT_FORMAT).set();
            }
            case BOOLEAN -> {
                Binary.expectLength(length, 1);
                sheet.value(row, c, value[at] != 0);
            }
        }
    }

    /** fastexcel closes the stream it writes to when it finishes; the caller still has to finish it. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
