package com.coaching.exports.embedded;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3-compatible server (s3proxy over jclouds' filesystem back-end) on 127.0.0.1. It checks AWS
 * signatures (V2 and V4, headers and presigned query strings), so a tampered or expired presigned
 * URL is refused with 403 just as on S3.
 */
final class EmbeddedObjectStore implements StandIn {

    static final String ACCESS_KEY = "local-access-key";
    static final String SECRET_KEY = "local-secret-key";
    static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStoreContext blobs;
    private final Path directory;

    private EmbeddedObjectStore(S3Proxy proxy, BlobStoreContext blobs, Path directory) {
        this.proxy = proxy;
        this.blobs = blobs;
        this.directory = directory;
    }

    /**
     * @param directory one sub-directory per bucket, one file per object
     * @param port      0 for any free port
     */
    static EmbeddedObjectStore start(Path directory, int port) {
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", directory.toString());
        BlobStoreContext blobs =
                ContextBuilder.newBuilder("filesystem").overrides(overrides).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
        } catch (Exception ex) {
            blobs.close();
            throw new IllegalStateException("Embedded S3 server did not start", ex);
        }
        return new EmbeddedObjectStore(proxy, blobs, directory);
    }

    /** Creates the bucket unless it exists (it survives restarts with a kept data directory). */
    void ensureBucket(String bucket) {
        blobs.getBlobStore().createContainerInLocation(null, bucket);
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("exports.storage.endpoint", endpoint());
        // the browser reaches the same local server the application does
        properties.put("exports.storage.public-endpoint", endpoint());
        properties.put("exports.storage.region", REGION);
        properties.put("exports.storage.access-key", ACCESS_KEY);
        properties.put("exports.storage.secret-key", SECRET_KEY);
        properties.put("exports.storage.path-style-access", true);
        return properties;
    }

    @Override
    public String description() {
        return "S3 server (s3proxy) at " + endpoint() + " storing in " + directory;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception ex) {
            // shutting down anyway
        }
        blobs.close();
    }
}
