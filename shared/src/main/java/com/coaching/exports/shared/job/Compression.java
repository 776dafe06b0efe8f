package com.coaching.exports.shared.job;

import java.util.Arrays;
import java.util.Optional;

/** How an export's file is compressed, whatever its format; a job without one is not compressed. */
public enum Compression {
    GZIP("gzip", ".gz", "application/gzip");

    private final String id;
    private final String extension;
    private final String contentType;

    Compression(String id, String extension, String contentType) {
        this.id = id;
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The name clients use: {@code gzip}. */
    public String id() {
        return id;
    }

    /** Added after the format's extension: {@code .csv.gz}. */
    String extension() {
        return extension;
    }

    String contentType() {
        return contentType;
    }

    public static Optional<Compression> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
