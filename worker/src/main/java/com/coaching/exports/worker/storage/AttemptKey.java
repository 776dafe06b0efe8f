package com.coaching.exports.worker.storage;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job and attempt an object key names: {@code exports/<trainer>/<job>/attempt-<n>/<file>}, as
 * {@link com.coaching.exports.shared.job.ExportJob#objectKey()} writes it.
 */
record AttemptKey(UUID jobId, int attempt) {

    private static final Pattern KEY = Pattern.compile("exports/\\d+/([0-9a-fA-F-]{36})/attempt-(\\d{1,9})/[^/]+");

    /** Empty for a key this service did not write that way. */
    static Optional<AttemptKey> of(String objectKey) {
        Matcher matcher = KEY.matcher(objectKey);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AttemptKey(UUID.fromString(matcher.group(1)), Integer.parseInt(matcher.group(2))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
