package com.coaching.exports.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * What a trainer and the bucket say about a job once it has ended: its state, its files, and whether the
 * file it serves has the bytes and rows the job claims. The fault tests (local) and the chaos run (bench)
 * judge jobs with it. It reads the bucket directly, past any fault proxy.
 */
public final class JobAudit implements AutoCloseable {

    private final S3Client s3;
    private final String bucket;

    public JobAudit(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** An S3 client straight to the store (path-style, static keys). */
    public static JobAudit direct(URI endpoint, String region, String accessKey, String secretKey, String bucket) {
        S3Client s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .build();
        return new JobAudit(s3, bucket);
    }

    /** The objects stored for a job, every attempt's. */
    public List<String> files(long trainer, String job) {
        return keys("exports/" + trainer + "/" + job + "/");
    }

    /** Every object key under {@code prefix} (folder markers left out). */
    public List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .filter(key -> !key.endsWith("/"))
                .toList();
    }

    /** The job as its trainer sees it and the files in the bucket; null state when the API does not know it. */
    public Verdict judge(ApiClient trainer, long trainerId, String id) {
        ApiClient.Response response = trainer.get("/api/v1/exports/" + id);
        List<String> files = files(trainerId, id);
        if (response.status() == 404) {
            return new Verdict(id, null, null, files.size(), false, false, "404");
        }
        if (response.status() != 200) {
            throw new IllegalStateException("GET " + id + " answered " + response);
        }
        JsonNode job = response.json();
        String status = job.get("status").asString();
        String code = job.has("error") ? job.get("error").get("code").asString() : null;
        String detail = job.has("error") ? job.get("error").toString() : "";
        boolean wrongBytes = false;
        if (status.equals("SUCCEEDED")) {
            String problem = wrongBytes(trainer, job);
            wrongBytes = problem != null;
            detail = problem == null ? "" : problem;
        }
        return new Verdict(id, status, code, files.size(), wrongBytes, waitedForADependency(job), detail);
    }

    /** Whether the job's history shows a wait for a dependency that failed it (the store, a database). */
    private static boolean waitedForADependency(JsonNode job) {
        for (JsonNode move : job.get("history")) {
            String reason =
                    move.get("reason").isNull() ? "" : move.get("reason").asString();
            if (reason.equals("store unavailable") || reason.equals("database unavailable")) {
                return true;
            }
        }
        return false;
    }

    /** Why the file the job serves is not the one it describes (sha256, size, rows), or null when it is. */
    private static @Nullable String wrongBytes(ApiClient trainer, JsonNode job) {
        JsonNode result = job.get("result");
        if (!job.has("download")) {
            return "no download link";
        }
        HttpResponse<byte[]> file =
                trainer.fetch(URI.create(job.get("download").get("url").asString()));
        if (file.statusCode() != 200) {
            return "download answered " + file.statusCode();
        }
        byte[] bytes = file.body();
        String sha256 = sha256(bytes);
        long rows = -1; // the header line is not a row
        boolean gzip = result.get("contentType").asString().contains("gzip");
        try (InputStream csv =
                gzip ? new GZIPInputStream(new ByteArrayInputStream(bytes)) : new ByteArrayInputStream(bytes)) {
            byte[] block = new byte[64 * 1024];
            for (int n; (n = csv.read(block)) != -1; ) {
                for (int i = 0; i < n; i++) {
                    rows += block[i] == '\n' ? 1 : 0;
                }
            }
        } catch (IOException e) {
            return "unreadable file: " + e;
        }
        if (!sha256.equals(result.get("sha256").asString())
                || bytes.length != result.get("sizeBytes").asLong()
                || rows != result.get("rowCount").asLong()) {
            return "file: %d bytes, %d rows, sha256 %s; job: %s".formatted(bytes.length, rows, sha256, result);
        }
        return null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    /**
     * A job's end as a user sees it: {@code status} null when the API no longer knows the job.
     *
     * @param files objects in the bucket for it
     * @param wrongBytes a succeeded job whose file differs from its result (sha256, size, rows)
     */
    /**
     * What the audit found of one job.
     *
     * @param waited the job's history shows a wait for a dependency (a blip that delayed it instead of failing it)
     */
    public record Verdict(
            String id,
            @Nullable String status,
            @Nullable String errorCode,
            int files,
            boolean wrongBytes,
            boolean waited,
            String detail) {

        public boolean ended() {
            return status != null && List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status);
        }

        public boolean failedWithReason() {
            return "FAILED".equals(status) && errorCode != null && !errorCode.isBlank();
        }

        /** Ended once: succeeded with exactly its one right file, or failed with a reason or cancelled, with none. */
        public boolean endedOnce() {
            return switch (status == null ? "" : status) {
                case "SUCCEEDED" -> files == 1 && !wrongBytes;
                case "FAILED" -> failedWithReason() && files == 0;
                case "CANCELLED" -> files == 0;
                default -> false;
            };
        }
    }
}
