package com.coaching.exports.worker.xlsx;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The parts of the workbook's package (Office Open XML, SpreadsheetML) around its sheets: the content
 * types, the relationships, the workbook with its sheets and their autofilters, the styles, the
 * properties; and each sheet's XML before and after its rows (the frozen header, the widths, the
 * autofilter). Written once a file, so as strings; the rows are {@link SheetCells}' bytes.
 */
final class XlsxParts {

    /** The styles of the cells ({@code s}): indexes into {@code cellXfs} of {@link #styles()}. */
    static final int STYLE_HEADER = 1;

    static final int STYLE_TIMESTAMP = 2;
    static final int STYLE_DATE = 3;
    static final int STYLE_AMOUNT = 4;

    static final String TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss";
    static final String DATE_FORMAT = "yyyy-mm-dd";
    static final String AMOUNT_FORMAT = "0.00";

    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String SPREADSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    private XlsxParts() {}

    static String sheetPath(int sheet) {
        return "xl/worksheets/sheet" + sheet + ".xml";
    }

    static String contentTypes(int sheets) {
        StringBuilder xml = new StringBuilder(XML)
                .append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
                .append(
                        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
                .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
        override(xml, "/xl/workbook.xml", SPREADSHEET_TYPE + "sheet.main+xml");
        override(xml, "/xl/styles.xml", SPREADSHEET_TYPE + "styles+xml");
        override(xml, "/xl/sharedStrings.xml", SPREADSHEET_TYPE + "sharedStrings+xml");
        for (int sheet = 1; sheet <= sheets; sheet++) {
            override(xml, "/" + sheetPath(sheet), SPREADSHEET_TYPE + "worksheet+xml");
        }
        override(xml, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
        override(xml, "/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
        return xml.append("</Types>").toString();
    }

    private static void override(StringBuilder xml, String part, String type) {
        xml.append("<Override PartName=\"")
                .append(part)
                .append("\" ContentType=\"")
                .append(type)
                .append("\"/>");
    }

    static String rootRelationships() {
        return XML + "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">"
                + relationship("rId1", RELATIONSHIPS + "/officeDocument", "xl/workbook.xml")
                + relationship("rId2", PACKAGE_RELATIONSHIPS + "/metadata/core-properties", "docProps/core.xml")
                + relationship("rId3", RELATIONSHIPS + "/extended-properties", "docProps/app.xml")
                + "</Relationships>";
    }

    /** The workbook's relationships: its styles, its (empty) shared strings, then sheet n as {@code rId(n + 2)}. */
    static String workbookRelationships(int sheets) {
        StringBuilder xml = new StringBuilder(XML)
                .append("<Relationships xmlns=\"")
                .append(PACKAGE_RELATIONSHIPS)
                .append("\">")
                .append(relationship("rId1", RELATIONSHIPS + "/styles", "styles.xml"))
                .append(relationship("rId2", RELATIONSHIPS + "/sharedStrings", "sharedStrings.xml"));
        for (int sheet = 1; sheet <= sheets; sheet++) {
            xml.append(relationship(
                    "rId" + (sheet + 2), RELATIONSHIPS + "/worksheet", "worksheets/sheet" + sheet + ".xml"));
        }
        return xml.append("</Relationships>").toString();
    }

    private static String relationship(String id, String type, String target) {
        return "<Relationship Id=\"" + id + "\" Type=\"" + type + "\" Target=\"" + target + "\"/>";
    }

    /** The sheets by name, each with the autofilter over its header ({@code _xlnm._FilterDatabase}). */
    static String workbook(List<String> sheetNames, int columns) {
        StringBuilder sheets = new StringBuilder();
        StringBuilder filters = new StringBuilder();
        String range = "!$A$1:$" + column(columns - 1) + "$1";
        for (int i = 0; i < sheetNames.size(); i++) {
            String name = sheetNames.get(i);
            sheets.append("<sheet name=\"")
                    .append(escape(name))
                    .append("\" sheetId=\"")
                    .append(i + 1)
                    .append("\" r:id=\"rId")
                    .append(i + 3)
                    .append("\"/>");
            filters.append("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"")
                    .append(i)
                    .append("\" hidden=\"1\">")
                    .append(escape("'" + name.replace("'", "''") + "'" + range))
                    .append("</definedName>");
        }
        return XML + "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELATIONSHIPS + "\">"
                + "<workbookPr date1904=\"false\"/><bookViews><workbookView activeTab=\"0\"/></bookViews>"
                + "<sheets>" + sheets + "</sheets><definedNames>" + filters + "</definedNames></workbook>";
    }

    /**
     * The cell formats: 0 plain, then {@link #STYLE_HEADER} bold, {@link #STYLE_TIMESTAMP}, {@link
     * #STYLE_DATE} and {@link #STYLE_AMOUNT} with their number formats.
     */
    static String styles() {
        String font = "<sz val=\"11\"/><color rgb=\"FF000000\"/><name val=\"Calibri\"/><family val=\"2\"/>";
        return XML + "<styleSheet xmlns=\"" + MAIN + "\">"
                + "<numFmts count=\"3\">"
                + "<numFmt numFmtId=\"164\" formatCode=\"" + TIMESTAMP_FORMAT + "\"/>"
                + "<numFmt numFmtId=\"165\" formatCode=\"" + DATE_FORMAT + "\"/>"
                + "<numFmt numFmtId=\"166\" formatCode=\"" + AMOUNT_FORMAT + "\"/>"
                + "</numFmts>"
                + "<fonts count=\"2\"><font>" + font + "</font><font><b/>" + font + "</font></fonts>"
                + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"5\">"
                + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + "</cellXfs>"
                + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                + "</styleSheet>";
    }

    static String sharedStrings() {
        return XML + "<sst xmlns=\"" + MAIN + "\" count=\"0\" uniqueCount=\"0\"/>";
    }

    static String core(String creator, Instant created) {
        return XML + "<cp:coreProperties"
                + " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<dc:creator>" + escape(creator) + "</dc:creator>"
                + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + created.truncatedTo(ChronoUnit.SECONDS)
                + "</dcterms:created></cp:coreProperties>";
    }

    static String app(String application) {
        return XML + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                + "<Application>" + escape(application) + "</Application></Properties>";
    }

    /** A sheet's XML up to its first row: the header frozen, the columns' widths (in characters). */
    static String sheetStart(int[] widths) {
        StringBuilder cols = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            cols.append("<col min=\"")
                    .append(c + 1)
                    .append("\" max=\"")
                    .append(c + 1)
                    .append("\" width=\"")
                    .append(widths[c])
                    .append("\" customWidth=\"1\"/>");
        }
        return XML + "<worksheet xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELATIONSHIPS + "\">"
                + "<sheetViews><sheetView workbookViewId=\"0\">"
                + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
                + "</sheetView></sheetViews>"
                + "<sheetFormatPr defaultRowHeight=\"15\"/>"
                + "<cols>" + cols + "</cols><sheetData>";
    }

    /** A sheet's XML after its last row: the autofilter over the header's {@code columns}. */
    static String sheetEnd(int columns) {
        return "</sheetData><autoFilter ref=\"A1:" + column(columns - 1) + "1\"/>"
                + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
                + "</worksheet>";
    }

    /** The letters of the {@code index}-th column (from 0): A … Z, AA … */
    static String column(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    /** Text for XML, in an element or an attribute. */
    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
