package com.coaching.exports.shared.destination;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes to a trainer's bucket: a client of its own per transfer (the destination's credentials,
 * endpoint and style; timeouts; a resolver that refuses private networks), a multipart upload, so the
 * object appears whole when it completes or not at all (an upload that fails is aborted).
 */
final class S3Transfer {

    /** A part's size: S3's smallest but for the last, so a delivery buffers 8 MiB at most. */
    static final int PART_SIZE = 8 * 1024 * 1024;

    private static final int MAX_ATTEMPTS = 3;

    private final Destination.S3 destination;
    private final DestinationSettings settings;
    private final DestinationNetwork network;

    S3Transfer(Destination.S3 destination, DestinationSettings settings, DestinationNetwork network) {
        this.destination = destination;
        this.settings = settings;
        this.network = network;
    }

    /** The object's key for a file name: the prefix, then the name. */
    String key(String fileName) {
        return destination.prefix() + fileName;
    }

    /** Uploads the stream as the object {@link #key}; its location, {@code s3://bucket/key}. */
    String upload(String fileName, String contentType, InputStream in) {
        String key = key(fileName);
        try (S3Client s3 = client()) {
            String uploadId = s3.createMultipartUpload(
                            b -> b.bucket(destination.bucket()).key(key).contentType(contentType))
                    .uploadId();
            try {
                List<CompletedPart> parts = uploadParts(s3, key, uploadId, in);
                s3.completeMultipartUpload(b -> b.bucket(destination.bucket())
                        .key(key)
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            } catch (RuntimeException | IOException e) {
                abort(s3, key, uploadId);
                throw e;
            }
            return "s3://" + destination.bucket() + "/" + key;
        } catch (SdkException e) {
            throw failure(e);
        } catch (IOException e) {
            throw new DeliveryFailure(DeliveryFailure.FAILED, "the stored file could not be read: " + e.getMessage());
        }
    }

    private List<CompletedPart> uploadParts(S3Client s3, String key, String uploadId, InputStream in)
            throws IOException {
        List<CompletedPart> parts = new ArrayList<>();
        byte[] buffer = new byte[PART_SIZE];
        int number = 1;
        while (true) {
            int filled = in.readNBytes(buffer, 0, PART_SIZE);
            if (filled == 0 && !parts.isEmpty()) {
                return parts;
            }
            int part = number++;
            String etag = s3.uploadPart(
                            b -> b.bucket(destination.bucket())
                                    .key(key)
                                    .uploadId(uploadId)
                                    .partNumber(part)
                                    .contentLength((long) filled),
                            RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, filled)))
                    .eTag();
            parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
            if (filled < PART_SIZE) {
                return parts;
            }
        }
    }

    private void abort(S3Client s3, String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(destination.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // the bucket's lifecycle rule (or the trainer) removes it; nothing of it is visible
        }
    }

    /** Writes a small object beside where files go and removes it again. */
    void probe() {
        String key = key(".exports-probe-" + UUID.randomUUID());
        try (S3Client s3 = client()) {
            s3.putObject(
                    b -> b.bucket(destination.bucket()).key(key).contentType("text/plain"),
                    RequestBody.fromString("exports probe\n"));
            s3.deleteObject(b -> b.bucket(destination.bucket()).key(key));
        } catch (SdkException e) {
            throw failure(e);
        }
    }

    private S3Client client() {
        var builder = S3Client.builder()
                .httpClient(Apache5HttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.timeout())
                        .dnsResolver(network)
                        .build())
                .region(Region.of(destination.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(destination.accessKeyId(), destination.secretAccessKey())))
                .forcePathStyle(destination.pathStyle())
                // checksums only where S3 requires them: S3-compatible stores reject the newer trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .overrideConfiguration(
                        override -> override.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                        .maxAttempts(MAX_ATTEMPTS)
                                        .build())
                                .apiCallAttemptTimeout(settings.timeout()));
        URI endpoint = destination.endpoint();
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** What the trainer is told: the bucket's own error code, or what kept the call from reaching it. */
    private DeliveryFailure failure(SdkException e) {
        if (e instanceof S3Exception s3) {
            String code =
                    s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String said = "the bucket answered " + s3.statusCode() + (code == null ? "" : " " + code);
            if (s3.statusCode() == 403 || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
                return new DeliveryFailure(DeliveryFailure.AUTH_FAILED, said + ": check the access key and secret");
            }
            if ("NoSuchBucket".equals(code)) {
                return new DeliveryFailure(
                        DeliveryFailure.REJECTED, said + ": bucket " + destination.bucket() + " does not exist");
            }
            return new DeliveryFailure(DeliveryFailure.FAILED, said);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DestinationNetwork.Refused refused) {
                return refused.failure();
            }
            if (cause instanceof java.net.UnknownHostException) {
                return new DeliveryFailure(DeliveryFailure.UNREACHABLE, host() + " could not be resolved");
            }
            if (cause instanceof ConnectException) {
                return new DeliveryFailure(DeliveryFailure.UNREACHABLE, "could not connect to " + host());
            }
            if (cause instanceof SocketTimeoutException
                    || cause instanceof ApiCallAttemptTimeoutException
                    || cause instanceof ApiCallTimeoutException) {
                return new DeliveryFailure(DeliveryFailure.UNREACHABLE, host() + " did not answer in time");
            }
        }
        return new DeliveryFailure(DeliveryFailure.FAILED, "the upload to " + host() + " failed");
    }

    private String host() {
        URI endpoint = destination.endpoint();
        return endpoint == null ? "S3 (" + destination.region() + ")" : endpoint.getHost();
    }
}
