package com.coaching.exports.worker.mail;

import com.coaching.exports.shared.job.Bundle;
import com.coaching.exports.shared.job.ExportJob;
import com.coaching.exports.shared.job.JobResult;
import com.coaching.exports.shared.job.JobStatus;
import com.coaching.exports.shared.link.LinkProperties;
import com.coaching.exports.shared.link.SignedLinks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Writes the mail that tells a trainer how an export ended, from the templates in {@code mail/}. */
@Component
class MailComposer {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final SignedLinks links;
    private final LinkProperties properties;

    MailComposer(SignedLinks links, LinkProperties properties) {
        this.links = links;
        this.properties = properties;
    }

    Mail compose(ExportJob job, JobStatus outcome) {
        String name = outcome == JobStatus.SUCCEEDED ? "succeeded" : "failed";
        Map<String, String> values = outcome == JobStatus.SUCCEEDED ? succeeded(job) : failed(job);
        String subject = outcome == JobStatus.SUCCEEDED
                ? "Your " + Bundle.names(job) + " export is ready: " + values.get("rows") + " rows, "
                        + values.get("size")
                : "Your " + Bundle.names(job) + " export failed";
        return new Mail(
                subject, fill(template(name + ".txt"), values, false), fill(template(name + ".html"), values, true));
    }

    private Map<String, String> succeeded(ExportJob job) {
        Instant finished = Objects.requireNonNull(job.finishedAt(), "a SUCCEEDED job has finished");
        JobResult result = Objects.requireNonNull(job.result(), "a SUCCEEDED job has a result");
        Instant expires = finished.plus(properties.retention());
        return Map.of(
                "dataset", Bundle.names(job),
                "requested", DAY.format(job.createdAt()),
                "rows", String.format(Locale.ENGLISH, "%,d", result.rowCount()),
                "size", humanSize(result.sizeBytes()),
                "file", result.fileName(),
                "link", links.linkTo(job.id(), expires).toString(),
                "expires", DAY.format(expires));
    }

    private static Map<String, String> failed(ExportJob job) {
        return Map.of(
                "dataset", Bundle.names(job),
                "requested", DAY.format(job.createdAt()),
                "reason",
                        job.error() == null
                                ? "an unexpected error"
                                : job.error().message());
    }

    static String humanSize(long bytes) {
        if (bytes < 1000) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ENGLISH, "%.1f %s", value, units[unit]);
    }

    private static String fill(String template, Map<String, String> values, boolean html) {
        String text = template;
        for (var entry : values.entrySet()) {
            text = text.replace("{{" + entry.getKey() + "}}", html ? escape(entry.getValue()) : entry.getValue());
        }
        return text;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String template(String name) {
        try (InputStream in = MailComposer.class.getResourceAsStream("/mail/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mail's subject and its plain text and HTML parts. */
    record Mail(String subject, String text, String html) {}
}
