package com.coaching.exports.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A trainer's own bucket for tests: a second S3-compatible server (s3proxy over a directory) with
 * credentials of its own, so a delivery that used the service's store's credentials would be refused.
 */
public final class OtherBucket implements AutoCloseable {

    public static final String ACCESS_KEY = "trainers-own-access-key";
    public static final String SECRET_KEY = "trainers-own-secret-key-0123";
    public static final String REGION = "eu-central-1";

    private final S3Proxy proxy;
    private final BlobStoreContext blobs;
    private final String bucket;

    private OtherBucket(S3Proxy proxy, BlobStoreContext blobs, String bucket) {
        this.proxy = proxy;
        this.blobs = blobs;
        this.bucket = bucket;
    }

    /** A server on 127.0.0.1 storing in {@code directory}, with the bucket made. */
    public static OtherBucket start(Path directory, String bucket) {
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", directory.toString());
        BlobStoreContext blobs =
                ContextBuilder.newBuilder("filesystem").overrides(overrides).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            blobs.close();
            throw new IllegalStateException("the second S3 server did not start", e);
        }
        blobs.getBlobStore().createContainerInLocation(null, bucket);
        return new OtherBucket(proxy, blobs, bucket);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public String bucket() {
        return bucket;
    }

    /** A client with the bucket's own credentials, to read what was delivered. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // shutting down anyway
        }
        blobs.close();
    }
}
