package com.coaching.exports.worker.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.ExportFormat;
import com.coaching.exports.shared.job.ExportOptions;
import com.coaching.exports.worker.copy.PgBinary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Lines rules of docs/api.md ("The JSON Lines files"), on values as PostgreSQL's binary COPY
 * sends them, read back by Jackson: each type, nulls, escaping, time zones.
 */
class JsonlRulesTest {

    /** A strict reader: amounts as BigDecimal with their scale, integers as longs. */
    static final JsonMapper JACKSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    private static final Instant CREATED = Instant.parse("2026-11-25T10:15:30.123456Z");

    @Test
    void a_payment_is_one_object_keyed_by_the_columns_keys_with_typed_values() throws IOException {
        String file = jsonl(Dataset.PAYMENTS, options(null, null), payment("12.50", "Zoë Ünal", "ok"));

        assertThat(file).endsWith("}\n").doesNotContain("\r").hasLineCount(1);
        assertThat(file)
                .startsWith("{\"payment_id\":7,\"created_at\":\"2026-11-25T10:15:30Z\",\"paid_at\":null,"
                        + "\"trainee_name\":\"Zoë Ünal\",");
        Map<String, Object> row = read(file).get(0);
        assertThat(row.keySet())
                .containsExactly(
                        "payment_id",
                        "created_at",
                        "paid_at",
                        "trainee_name",
                        "trainee_email",
                        "type",
                        "status",
                        "amount",
                        "currency",
                        "description");
        assertThat(row.get("payment_id")).isEqualTo(7L);
        assertThat(row.get("amount")).isEqualTo(new BigDecimal("12.50"));
        assertThat(row.get("paid_at")).isNull();
        assertThat(row).containsKey("paid_at");
        assertThat(row.get("trainee_name")).isEqualTo("Zoë Ünal");
    }

    @Test
    void amounts_keep_exactly_their_two_stored_decimals_whatever_their_sign_and_size() throws IOException {
        for (String amount : List.of("12.50", "-10.00", "0.00", "0.05", "99999999.99", "-0.10")) {
            Map<String, Object> row = read(jsonl(Dataset.PAYMENTS, options(null, null), payment(amount, "a", "b")))
                    .get(0);
            assertThat(row.get("amount")).as(amount).isEqualTo(new BigDecimal(amount));
        }
    }

    @Test
    void timestamps_are_iso_strings_in_the_zone_asked_for_with_its_offset_to_the_second() throws IOException {
        String berlin = jsonl(Dataset.PAYMENTS, options(ZoneId.of("Europe/Berlin"), null), payment("1.00", "a", "b"));
        String kolkata = jsonl(Dataset.PAYMENTS, options(ZoneId.of("Asia/Kolkata"), null), payment("1.00", "a", "b"));

        assertThat(read(berlin).get(0).get("created_at")).isEqualTo("2026-11-25T11:15:30+01:00");
        assertThat(read(kolkata).get(0).get("created_at")).isEqualTo("2026-11-25T15:45:30+05:30");
    }

    @Test
    void booleans_dates_and_empty_values_of_a_trainee() throws IOException {
        byte[] row = PgBinary.row(
                PgBinary.int8(3),
                PgBinary.text("Ana"),
                PgBinary.text(""),
                PgBinary.text("ana@example.com"),
                new byte[] {1},
                PgBinary.timestamptz(CREATED),
                null,
                null,
                null,
                PgBinary.int4(9_460)); // 2025-11-25, counted from 2000-01-01

        String file = jsonl(Dataset.TRAINEES, options(null, null), row);

        assertThat(file)
                .isEqualTo("{\"trainee_id\":3,\"first_name\":\"Ana\",\"last_name\":\"\",\"email\":\"ana@example.com\","
                        + "\"active\":true,\"joined\":\"2026-11-25T10:15:30Z\",\"fitness_goal\":null,"
                        + "\"activity_level\":null,\"active_programs\":null,\"last_log_date\":\"2025-11-25\"}\n");
        assertThat(read(file).get(0).get("active")).isEqualTo(true);
    }

    @Test
    void text_is_escaped_as_rfc_8259_asks_and_read_back_unchanged() throws IOException {
        String nasty = "say \"hi\" \\ back\nslash\r\ttab \b\f \u0001\u001f \u007f =1+1 日本語 ✓ 😀";

        String file = jsonl(Dataset.PAYMENTS, options(null, null), payment("1.00", "a", nasty));

        assertThat(file)
                .contains("\"description\":\"say \\\"hi\\\" \\\\ back\\nslash\\r\\ttab \\b\\f \\u0001\\u001f \u007f"
                        + " =1+1 日本語 ✓ 😀\"");
        assertThat(read(file).get(0).get("description")).isEqualTo(nasty);
    }

    @Test
    void bytes_that_are_not_utf8_such_as_an_encoded_surrogate_half_become_a_replacement_character() throws IOException {
        byte[] loneSurrogate = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b'}; // U+D800 as CESU-8 writes it
        byte[] truncated = {'c', (byte) 0xE2, (byte) 0x9C, 'd'}; // ✓ without its last byte
        byte[] stray = {(byte) 0x80, (byte) 0xC0, (byte) 0xAF, (byte) 0xF5, 'e'}; // continuation, overlong, too high

        assertThat(description(loneSurrogate)).isEqualTo("a\uFFFD\uFFFD\uFFFDb");
        assertThat(description(truncated)).isEqualTo("c\uFFFDd");
        assertThat(description(stray)).isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFDe");
    }

    @Test
    void the_chosen_columns_named_by_key_or_header_come_in_the_order_asked_for() throws IOException {
        String file = jsonl(
                Dataset.PAYMENTS,
                options(null, List.of("amount", "Created At", "payment_id")),
                payment("-10.00", "a", "b"));

        assertThat(file).isEqualTo("{\"amount\":-10.00,\"created_at\":\"2026-11-25T10:15:30Z\",\"payment_id\":7}\n");
    }

    @Test
    void an_infinite_timestamp_is_the_string_infinity() throws IOException {
        byte[] row = PgBinary.row(
                PgBinary.int8(1),
                PgBinary.int8(Long.MAX_VALUE),
                PgBinary.int8(Long.MIN_VALUE),
                PgBinary.text("a"),
                PgBinary.text("b"),
                PgBinary.text("c"),
                PgBinary.text("d"),
                PgBinary.numeric(new BigDecimal("1.00")),
                PgBinary.text("EUR"),
                PgBinary.text("e"));

        Map<String, Object> read =
                read(jsonl(Dataset.PAYMENTS, options(null, null), row)).get(0);

        assertThat(read.get("created_at")).isEqualTo("infinity");
        assertThat(read.get("paid_at")).isEqualTo("-infinity");
    }

    private static String description(byte[] utf8) throws IOException {
        byte[] row = payment("1.00", "a", utf8);
        return (String)
                read(jsonl(Dataset.PAYMENTS, options(null, null), row)).get(0).get("description");
    }

    private static byte[] payment(String amount, String name, String description) {
        return payment(amount, name, PgBinary.text(description));
    }

    private static byte[] payment(String amount, String name, byte[] description) {
        return PgBinary.row(
                PgBinary.int8(7),
                PgBinary.timestamptz(CREATED),
                null,
                PgBinary.text(name),
                PgBinary.text("zoe@example.com"),
                PgBinary.text("refund"),
                PgBinary.text("refunded"),
                PgBinary.numeric(new BigDecimal(amount)),
                PgBinary.text("EUR"),
                description);
    }

    private static ExportOptions options(ZoneId zone, List<String> columns) {
        return new ExportOptions(ExportFormat.JSONL, zone, null, null, columns, null);
    }

    /** The file of one row, as the exporter drains it: the rows, then the end marker. */
    private static String jsonl(Dataset dataset, ExportOptions options, byte[] row) throws IOException {
        CopyToJsonl copy = new CopyToJsonl(dataset, options, 8);
        assertThat(copy.accept(PgBinary.fileHeaderAnd(row))).isTrue();
        assertThat(copy.accept(PgBinary.END)).isFalse();
        assertThat(copy.ended()).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy.drainTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<Map<String, Object>> read(String file) {
        return file.lines()
                .map(line -> JACKSON.readValue(line, new TypeReference<Map<String, Object>>() {}))
                .toList();
    }
}
