package com.coaching.exports.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's store that keeps nothing: it answers the S3 calls a worker makes (uploads, parts,
 * completion, abort, the bucket check, the orphan listings) and reads and discards every body. The
 * pipeline measured against it is the service's own work, PostgreSQL and the worker, without the
 * store sharing the two cores: against S3 or MinIO that work runs on other machines, while s3proxy
 * (the benchmark's usual store) takes more CPU than the worker and PostgreSQL together.
 */
final class DiscardingStore implements AutoCloseable {

    private static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicLong uploads = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    private DiscardingStore(HttpServer server) {
        this.server = server;
    }

    static DiscardingStore start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        DiscardingStore store = new DiscardingStore(server);
        server.createContext("/", store::handle);
        server.setExecutor(store.threads);
        server.start();
        return store;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The bytes received in bodies, all of them discarded. */
    long bytes() {
        return bytes.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : exchange.getRequestURI().getRawQuery();
            String method = exchange.getRequestMethod();
            if (method.equals("PUT") && query.contains("partNumber=")) {
                discard(exchange.getRequestBody());
                exchange.getResponseHeaders().add("ETag", "\"part\"");
                exchange.sendResponseHeaders(200, -1);
            } else if (method.equals("PUT")) {
                // PutObject: the ETag is the body's MD5, which the SDK may compare with what it sent
                exchange.getResponseHeaders().add("ETag", "\"" + md5(exchange.getRequestBody()) + "\"");
                exchange.sendResponseHeaders(200, -1);
            } else if (method.equals("POST") && query.startsWith("uploads")) {
                discard(exchange.getRequestBody());
                xml(
                        exchange,
                        "<InitiateMultipartUploadResult xmlns=\"" + XMLNS + "\"><Bucket>b</Bucket><Key>k</Key>"
                                + "<UploadId>u" + uploads.incrementAndGet()
                                + "</UploadId></InitiateMultipartUploadResult>");
            } else if (method.equals("POST") && query.contains("uploadId=")) {
                discard(exchange.getRequestBody());
                xml(
                        exchange,
                        "<CompleteMultipartUploadResult xmlns=\"" + XMLNS + "\"><Bucket>b</Bucket><Key>k</Key>"
                                + "<ETag>\"complete\"</ETag></CompleteMultipartUploadResult>");
            } else if (method.equals("GET") && query.contains("uploads")) {
                xml(
                        exchange,
                        "<ListMultipartUploadsResult xmlns=\"" + XMLNS + "\"><Bucket>b</Bucket>"
                                + "<IsTruncated>false</IsTruncated></ListMultipartUploadsResult>");
            } else if (method.equals("GET")) {
                xml(
                        exchange,
                        "<ListBucketResult xmlns=\"" + XMLNS + "\"><Name>b</Name><KeyCount>0</KeyCount>"
                                + "<IsTruncated>false</IsTruncated></ListBucketResult>");
            } else if (method.equals("DELETE")) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                discard(exchange.getRequestBody());
                exchange.sendResponseHeaders(200, -1);
            }
        }
    }

    private void discard(InputStream body) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int read; (read = body.read(buffer)) >= 0; ) {
            bytes.addAndGet(read);
        }
    }

    private String md5(InputStream body) throws IOException {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = body.read(buffer)) >= 0; ) {
                md5.update(buffer, 0, read);
                bytes.addAndGet(read);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void xml(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
