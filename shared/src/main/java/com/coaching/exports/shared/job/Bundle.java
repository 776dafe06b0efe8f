package com.coaching.exports.shared.job;

import com.coaching.exports.shared.dataset.Dataset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A bundle: one job exporting several datasets into one ZIP, {@code export-<date>.zip}, a member per
 * dataset and a {@code manifest.json}. Each member is the file of the single export its dataset would
 * make with the bundle's options ({@link #member}): the window ({@code days}, {@code from}/{@code to})
 * only where the dataset is windowed, of the {@code status} list only the dataset's own statuses
 * (none of them named: every status), format, zone and CSV dialect as given. Members are never gzipped:
 * the ZIP deflates them.
 */
public final class Bundle {

    public static final String CONTENT_TYPE = "application/zip";
    public static final String MANIFEST = "manifest.json";
    static final String FILE_PREFIX = "export-";
    static final String EXTENSION = ".zip";

    private Bundle() {}

    /** The single export of {@code dataset} that {@code bundle}'s member is, byte for byte (uncompressed). */
    public static ExportJob member(ExportJob bundle, Dataset dataset) {
        ExportOptions given = bundle.options();
        boolean windowed = dataset.windowed();
        ExportOptions options = new ExportOptions(
                given.format(),
                given.timezone(),
                windowed ? given.from() : null,
                windowed ? given.to() : null,
                null,
                given.csv(),
                windowed ? given.windowEnd() : null,
                null,
                statusesOf(dataset, given.status()),
                windowed ? given.windowStart() : null,
                null);
        return new ExportJob(
                bundle.id(),
                bundle.trainerId(),
                dataset,
                windowed ? bundle.days() : null,
                false,
                bundle.status(),
                bundle.createdAt(),
                bundle.startedAt(),
                bundle.finishedAt(),
                0,
                null,
                false,
                bundle.attempts(),
                null,
                null,
                null,
                bundle.lane(),
                options,
                null,
                null,
                0,
                bundle.traceparent());
    }

    /** What a job exports, for people: {@code payments}, or a bundle's {@code payments, subscribers, trainees}. */
    public static String names(ExportJob job) {
        return String.join(", ", job.datasets().stream().map(Dataset::id).toList());
    }

    /** The member's name in the ZIP: {@code payments.csv}, {@code trainees.xlsx}, … */
    public static String memberName(ExportJob member) {
        return member.dataset().id() + member.options().effectiveFormat().extension();
    }

    /** Of {@code status}, those of {@code dataset}; {@code null} (every status) when it names none of them. */
    private static @Nullable List<String> statusesOf(Dataset dataset, @Nullable List<String> status) {
        if (status == null) {
            return null;
        }
        List<String> own = status.stream().filter(dataset.statuses()::contains).toList();
        return own.isEmpty() ? null : own;
    }
}
