package com.coaching.exports.shared.dataset;

import static com.coaching.exports.shared.dataset.CellType.AMOUNT;
import static com.coaching.exports.shared.dataset.CellType.BOOLEAN;
import static com.coaching.exports.shared.dataset.CellType.DATE;
import static com.coaching.exports.shared.dataset.CellType.INTEGER;
import static com.coaching.exports.shared.dataset.CellType.TEXT;
import static com.coaching.exports.shared.dataset.CellType.TIMESTAMP;
import static com.coaching.exports.shared.dataset.Column.of;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The exportable datasets of docs/api.md ("The CSV files"), each defined once: its query (a resource beside
 * this class, selecting the columns in CSV order, each of its cell type's {@link CellType#sqlType()})
 * and its columns.
 */
@SuppressWarnings({
    "BadImport", // `of` is Column.of: the column lists read as tables
    "ImmutableEnumChecker" // columns is a List.of, which cannot change
})
public enum Dataset {
    PAYMENTS(
            "payments",
            true,
            List.of(
                    of("Payment ID", INTEGER),
                    of("Created At", TIMESTAMP),
                    of("Paid At", TIMESTAMP),
                    of("Trainee Name", TEXT),
                    of("Trainee Email", TEXT),
                    of("Type", TEXT),
                    of("Status", TEXT),
                    of("Amount", AMOUNT),
                    of("Currency", TEXT),
                    of("Description", TEXT))),

    SUBSCRIBERS(
            "subscribers",
            false,
            List.of(
                    of("Subscription ID", INTEGER),
                    of("Trainee Name", TEXT),
                    of("Trainee Email", TEXT),
                    of("Status", TEXT),
                    of("Amount", AMOUNT),
                    of("Currency", TEXT),
                    of("Current Period Start", TIMESTAMP),
                    of("Current Period End", TIMESTAMP),
                    of("Created At", TIMESTAMP),
                    of("Canceled At", TIMESTAMP))),

    TRAINEES(
            "trainees",
            false,
            List.of(
                    of("Trainee ID", INTEGER),
                    of("First Name", TEXT),
                    of("Last Name", TEXT),
                    of("Email", TEXT),
                    of("Active", BOOLEAN),
                    of("Joined", TIMESTAMP),
                    of("Fitness Goal", TEXT),
                    of("Activity Level", TEXT),
                    of("Active Programs", TEXT),
                    of("Last Log Date", DATE)));

    /** The window of a payments export when the request names none. */
    public static final int DEFAULT_DAYS = 30;

    public static final int MAX_DAYS = 365;

    /** The longest window {@code from}..{@code to} (both included) may span, in calendar days. */
    public static final int MAX_RANGE_DAYS = 366;

    private static final Pattern PARAMETER = Pattern.compile("(?<!:):(\\w+)");

    private final String id;
    private final boolean windowed;
    private final List<Column> columns;
    private final String sql;

    Dataset(String id, boolean windowed, List<Column> columns) {
        this.id = id;
        this.windowed = windowed;
        this.columns = columns;
        this.sql = load("/datasets/" + id + ".sql");
    }

    /** The name clients use: {@code payments}, {@code subscribers}, {@code trainees}. */
    public String id() {
        return id;
    }

    /** Whether the request takes a window: {@code days}, or {@code from} and {@code to}. */
    public boolean windowed() {
        return windowed;
    }

    public List<Column> columns() {
        return columns;
    }

    public String[] headers() {
        return columns.stream().map(Column::header).toArray(String[]::new);
    }

    /** The column named {@code header}, if this dataset has one. */
    public Optional<Column> column(String header) {
        return columns.stream().filter(c -> c.header().equals(header)).findFirst();
    }

    /**
     * Where the columns named {@code headers} stand in the query's output, in the order named; all
     * of them, in contract order, when {@code headers} is {@code null}.
     */
    public int[] positions(@Nullable List<String> headers) {
        if (headers == null) {
            return IntStream.range(0, columns.size()).toArray();
        }
        List<Integer> positions = new ArrayList<>();
        for (String header : headers) {
            int position = column(header).map(columns::indexOf).orElse(-1);
            if (position < 0) {
                throw new IllegalArgumentException("no column " + header + " in " + id);
            }
            positions.add(position);
        }
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The query, with named parameters {@code :trainerId} and, when windowed, {@code :since} and {@code :until}. */
    public String sql() {
        return sql;
    }

    /**
     * The query with its parameters written in as literals, for {@code COPY}, which takes no bind
     * parameters. Only typed values become literals (a number, a point in time), never text.
     */
    public String inlinedSql(Map<String, ?> parameters) {
        return PARAMETER.matcher(sql).replaceAll(parameter -> {
            if (!parameters.containsKey(parameter.group(1))) {
                throw new IllegalArgumentException("no value for :" + parameter.group(1) + " of " + id);
            }
            return Matcher.quoteReplacement(literal(parameters.get(parameter.group(1))));
        });
    }

    private static String literal(@Nullable Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof OffsetDateTime time) {
            return "'" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time) + "'::timestamptz";
        }
        throw new IllegalArgumentException("no SQL literal for a " + (value == null ? "null" : value.getClass()));
    }

    public static Optional<Dataset> byId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Dataset::id).toList();
    }

    private static String load(String resource) {
        try (InputStream in = Dataset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing dataset query " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
