package com.coaching.exports.api.export;

import java.util.List;

/** A page of the caller's jobs, newest first. */
public record JobPage(List<JobView> items, int page, int size, long totalItems, long totalPages) {
}
