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
import java.util.LinkedHashMap;
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
            List.of("succeeded", "pending", "failed", "refunded"),
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
            List.of("active", "trialing", "past_due", "canceled"),
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
            List.of(),
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

    /** Where {@link #copyQuery} puts a list of text: {@code exports.status}. */
    private static final String SETTING_PREFIX = "exports.";

    private static final Pattern PARAMETER = Pattern.compile("(?<!:):(\\w+)");

    private final String id;
    private final boolean windowed;
    private final List<String> statuses;
    private final List<Column> columns;
    private final String sql;

    Dataset(String id, boolean windowed, List<String> statuses, List<Column> columns) {
        this.id = id;
        this.windowed = windowed;
        this.statuses = statuses;
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

    /**
     * The statuses a request's {@code status} filter may name (its query then takes {@code :status}, a
     * {@code text[]}: empty for every row); none where the dataset has no status to filter by.
     */
    public List<String> statuses() {
        return statuses;
    }

    public List<Column> columns() {
        return columns;
    }

    public String[] headers() {
        return columns.stream().map(Column::header).toArray(String[]::new);
    }

    /** The column whose header or key is {@code name}, if this dataset has one. */
    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.isNamed(name)).findFirst();
    }

    /**
     * Where the columns named {@code names} (headers or keys) stand in the query's output, in the
     * order named; all of them, in contract order, when {@code names} is {@code null}.
     */
    public int[] positions(@Nullable List<String> names) {
        if (names == null) {
            return IntStream.range(0, columns.size()).toArray();
        }
        List<Integer> positions = new ArrayList<>();
        for (String name : names) {
            int position = column(name).map(columns::indexOf).orElse(-1);
            if (position < 0) {
                throw new IllegalArgumentException("no column " + name + " in " + id);
            }
            positions.add(position);
        }
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The query, with named parameters {@code :trainerId}; when windowed, {@code :since} and {@code
     * :until}; with {@link #statuses()}, {@code :status}.
     */
    public String sql() {
        return sql;
    }

    /**
     * The query with its parameters written in as literals, for {@code COPY}, which takes no bind
     * parameters. Only typed values become literals (a number, a point in time, an empty list),
     * never text: a list of text fails here (see {@link #copyQuery}).
     */
    public String inlinedSql(Map<String, ?> parameters) {
        CopyQuery query = copyQuery(parameters);
        if (!query.settings().isEmpty()) {
            throw new IllegalArgumentException("a list of text is no literal: run " + id + " as a CopyQuery");
        }
        return query.sql();
    }

    /**
     * The query ready for {@code COPY}: typed values written in as literals, and each non-empty list
     * of text ({@code :status}) read from a setting of the COPY's transaction that the reader binds.
     */
    public CopyQuery copyQuery(Map<String, ?> parameters) {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        String inlined = PARAMETER.matcher(sql).replaceAll(parameter -> {
            String name = parameter.group(1);
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("no value for :" + name + " of " + id);
            }
            Object value = parameters.get(name);
            if (value instanceof String[] texts && texts.length > 0) {
                settings.put(SETTING_PREFIX + name, List.of(texts));
                return Matcher.quoteReplacement("(select current_setting('" + SETTING_PREFIX + name + "')::text[])");
            }
            return Matcher.quoteReplacement(literal(value));
        });
        return new CopyQuery(inlined, settings);
    }

    private static String literal(@Nullable Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof OffsetDateTime time) {
            return "'" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time) + "'::timestamptz";
        }
        if (value instanceof String[] texts && texts.length == 0) {
            return "'{}'::text[]";
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
