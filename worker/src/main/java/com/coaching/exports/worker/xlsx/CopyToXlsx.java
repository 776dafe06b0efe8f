package com.coaching.exports.worker.xlsx;

import com.coaching.exports.shared.dataset.CellType;
import com.coaching.exports.shared.dataset.Column;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.worker.copy.CopyRows;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the output of a dataset's binary COPY ({@link CopyRows}) into an XLSX workbook written as
 * a stream: each sheet's XML is written as bytes from the COPY's values ({@link SheetCells}), the
 * way the CSV is, into a block that goes to the zip ({@link XlsxZip}) whenever it is full, so memory
 * does not grow with the rows. Cells are typed: integers and amounts ({@code 0.00}) are numbers,
 * dates and timestamps (in the job's zone, named in the header) are date cells, booleans are
 * booleans, text is an inline string and never a formula, so it needs no {@code '} guard. The header
 * row is bold and frozen, with an autofilter. A sheet holds {@link #MAX_ROWS} rows, header included;
 * the rows go on in a new sheet, {@code payments (2)}, with the header again.
 */
public final class CopyToXlsx {

    /** The rows of a sheet, header included: a spreadsheet's limit. */
    public static final int MAX_ROWS = 1_048_576;

    /** What the workbook's properties name as its creator and application. */
    private static final String CREATOR = "exports";

    private static final int BLOCK_BYTES = 64 * 1024;
    /** A block and room for the row that fills it. */
    private static final int BUFFER_BYTES = BLOCK_BYTES + 4096;

    private final String sheetName;
    private final CopyRows rows;
    private final List<String> headers;
    private final int maxRowsPerSheet;
    private final Instant created;
    private final XlsxZip zip;
    private final XlsxBuffer xml = new XlsxBuffer(BUFFER_BYTES);
    private final SheetCells cells;
    private final byte[] sheetStart;
    private final byte[] sheetEnd;
    private final List<String> sheetNames = new ArrayList<>();
    /** The rows of the current sheet so far, header included (0 before the first sheet). */
    private int row;

    /**
     * Writes to {@code out}, which stays open (the caller finishes compression and the upload), the
     * zip deflated at {@code deflateLevel} (0 to 9), its parts dated {@code created}.
     */
    public CopyToXlsx(Dataset dataset, ExportOptions options, OutputStream out, int deflateLevel, Instant created) {
        this(dataset, options, out, deflateLevel, created, MAX_ROWS);
    }

    CopyToXlsx(
            Dataset dataset,
            ExportOptions options,
            OutputStream out,
            int deflateLevel,
            Instant created,
            int maxRowsPerSheet) {
        this.sheetName = dataset.id();
        this.rows = new CopyRows(dataset, options.columns());
        ZoneId zone = options.effectiveZone();
        this.headers = rows.columns().stream().map(c -> header(c, zone)).toList();
        this.maxRowsPerSheet = maxRowsPerSheet;
        this.created = created;
        this.zip = new XlsxZip(out, deflateLevel, created);
        this.cells = new SheetCells(xml, zone);
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = width(rows.type(c), headers.get(c));
        }
        this.sheetStart = XlsxBuffer.utf8(XlsxParts.sheetStart(widths));
        this.sheetEnd = XlsxBuffer.utf8(XlsxParts.sheetEnd(headers.size()));
    }

    /** The header of a column: a timestamp's names its zone, {@code Created At (Europe/Berlin)}. */
    private static String header(Column column, ZoneId zone) {
        return column.type() == CellType.TIMESTAMP ? column.header() + " (" + zone.getId() + ")" : column.header();
    }

    /** Takes one message; returns whether it held a row, which is then a row of the current sheet. */
    public boolean accept(byte[] message) throws IOException {
        if (!rows.accept(message)) {
            return false;
        }
        if (row == 0 || row == maxRowsPerSheet) {
            newSheet();
        }
        cells.startRow(++row);
        for (int c = 0, width = headers.size(); c < width; c++) {
            if (rows.isNull(c)) {
                cells.empty();
            } else {
                cells.write(rows.type(c), message, rows.start(c), rows.length(c));
            }
        }
        cells.endRow();
        if (xml.length >= BLOCK_BYTES) {
            xml.drainTo(zip);
        }
        return true;
    }

    /** Whether the end marker came: every row was read. */
    public boolean ended() {
        return rows.ended();
    }

    /** Ends the workbook (a file without rows still has its sheet and header). */
    public void finish() throws IOException {
        if (row == 0) {
            newSheet();
        }
        endSheet();
        zip.part("xl/workbook.xml", XlsxParts.workbook(sheetNames, headers.size()));
        zip.part("xl/_rels/workbook.xml.rels", XlsxParts.workbookRelationships(sheetNames.size()));
        zip.part("xl/styles.xml", XlsxParts.styles());
        zip.part("xl/sharedStrings.xml", XlsxParts.sharedStrings());
        zip.part("docProps/core.xml", XlsxParts.core(CREATOR, created));
        zip.part("docProps/app.xml", XlsxParts.app(CREATOR));
        zip.part("_rels/.rels", XlsxParts.rootRelationships());
        zip.part("[Content_Types].xml", XlsxParts.contentTypes(sheetNames.size()));
        zip.finish();
    }

    private void newSheet() throws IOException {
        if (!sheetNames.isEmpty()) {
            endSheet();
        }
        int sheet = sheetNames.size() + 1;
        sheetNames.add(sheet == 1 ? sheetName : sheetName + " (" + sheet + ")");
        zip.startPart(XlsxParts.sheetPath(sheet));
        xml.raw(sheetStart);
        row = 1;
        cells.startRow(row);
        for (String header : headers) {
            cells.header(header);
        }
        cells.endRow();
    }

    private void endSheet() throws IOException {
        xml.raw(sheetEnd);
        xml.drainTo(zip);
        zip.closeEntry();
    }

    /** Wide enough for the header and a typical value of the column's kind, in characters. */
    private static int width(CellType type, String header) {
        int value = switch (type) {
            case TIMESTAMP -> 20;
            case DATE -> 12;
            case AMOUNT, INTEGER -> 12;
            case BOOLEAN -> 8;
            case TEXT -> 24;
        };
        return Math.min(60, Math.max(value, header.length() + 4));
    }
}
