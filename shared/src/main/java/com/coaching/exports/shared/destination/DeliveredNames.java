package com.coaching.exports.shared.destination;

import java.util.UUID;

/**
 * A file's name at a destination: the job's file name with the first 8 characters of the job's id
 * before the extension, so that two exports of one day never overwrite each other there. The
 * extension is everything from the name's first dot ({@code .csv.gz} stays whole: {@code
 * payments-2026-12-06-1a2b3c4d.csv.gz}); the service's file names have no other dot.
 */
public final class DeliveredNames {

    private DeliveredNames() {}

    public static String of(String fileName, UUID jobId) {
        String tag = "-" + jobId.toString().substring(0, 8);
        int dot = fileName.indexOf('.');
        return dot < 0 ? fileName + tag : fileName.substring(0, dot) + tag + fileName.substring(dot);
    }
}
