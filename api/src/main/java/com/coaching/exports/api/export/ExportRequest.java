package com.coaching.exports.api.export;

import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.FieldProblem;
import com.coaching.exports.shared.dataset.Dataset;
import com.coaching.exports.shared.job.Compression;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code POST /api/v1/exports} as the client sent it. */
public record ExportRequest(
        String dataset,
        Integer days,
        @JsonProperty("notify") Boolean notifyByEmail,
        String compression) {

    /** Checks the fields (contract section 4) and fills in the defaults; throws naming every field at fault. */
    ValidExportRequest validate() {
        List<FieldProblem> errors = new ArrayList<>();
        Dataset chosen = null;
        if (dataset == null) {
            errors.add(new FieldProblem("dataset", "is required: one of " + String.join(", ", Dataset.ids())));
        } else {
            chosen = Dataset.byId(dataset).orElse(null);
            if (chosen == null) {
                errors.add(new FieldProblem("dataset", "must be one of " + String.join(", ", Dataset.ids())));
            }
        }
        if (days != null && chosen != null && !chosen.windowed()) {
            errors.add(new FieldProblem("days", "applies to payments only"));
        } else if (days != null && (days < 1 || days > Dataset.MAX_DAYS)) {
            errors.add(new FieldProblem("days", "must be between 1 and " + Dataset.MAX_DAYS));
        }
        Compression packed = null;
        if (compression != null && !compression.equals("none")) {
            packed = Compression.byId(compression).orElse(null);
            if (packed == null) {
                errors.add(new FieldProblem("compression", "must be gzip or none"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Integer window = chosen.windowed() ? (days != null ? days : Dataset.DEFAULT_DAYS) : null;
        return new ValidExportRequest(chosen, window, Boolean.TRUE.equals(notifyByEmail), packed);
    }

    /** A request that passed validation, with its defaults applied. */
    record ValidExportRequest(Dataset dataset, Integer days, boolean notifyByEmail, Compression compression) {

        /** What makes two requests the same request, for idempotency keys. */
        String fingerprint() {
            return dataset.id() + "|" + days + "|" + notifyByEmail + "|"
                    + (compression == null ? "none" : compression.id());
        }
    }
}
