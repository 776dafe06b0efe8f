package com.coaching.exports.shared.job;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The CSV dialect of a file: the cell delimiter, the line ending and whether a UTF-8 byte order
 * mark comes first (so Excel reads non-ASCII text right). The default is commas, CRLF and no byte order
 * mark (docs/api.md, "The CSV files").
 */
public record CsvOptions(Delimiter delimiter, LineEnding lineEnding, boolean bom) {

    public static final CsvOptions DEFAULT = new CsvOptions(Delimiter.COMMA, LineEnding.CRLF, false);

    /** The delimiters a request may choose, each one ASCII byte. */
    public enum Delimiter {
        COMMA(','),
        SEMICOLON(';'),
        TAB('\t'),
        PIPE('|');

        private final char character;

        Delimiter(char character) {
            this.character = character;
        }

        public char character() {
            return character;
        }

        /** As clients write it: {@code ,} {@code ;} a tab {@code |}. */
        public String text() {
            return String.valueOf(character);
        }

        public static Optional<Delimiter> byText(String text) {
            return Arrays.stream(values()).filter(d -> d.text().equals(text)).findFirst();
        }

        public static List<String> texts() {
            return Arrays.stream(values()).map(Delimiter::text).toList();
        }
    }

    public enum LineEnding {
        CRLF("\r\n"),
        LF("\n");

        private final String characters;

        LineEnding(String characters) {
            this.characters = characters;
        }

        public String characters() {
            return characters;
        }

        public static Optional<LineEnding> byName(String name) {
            return Arrays.stream(values()).filter(e -> e.name().equals(name)).findFirst();
        }
    }
}
