package com.coaching.exports.testkit;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the trainer and the job out of what names an export's object, {@code exports/<trainer>/<job>/…}:
 * a key from a bucket listing, or the request line of a call to the store.
 */
public final class ObjectKeys {

    private static final Pattern TRAINER_AND_JOB = Pattern.compile("exports/(\\d+)/([0-9a-f-]{36})/");

    private ObjectKeys() {}

    /** The trainer and the job named in {@code text}, if it names an export's object. */
    public static Optional<Owner> ownerIn(String text) {
        Matcher parts = TRAINER_AND_JOB.matcher(text);
        return parts.find() ? Optional.of(new Owner(Long.parseLong(parts.group(1)), parts.group(2))) : Optional.empty();
    }

    /** Whose object it is: the trainer's id and the job's. */
    public record Owner(long trainer, String job) {}
}
