package com.coaching.exports.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.shared.tracing.Traces;
import com.coaching.exports.worker.support.WorkerTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Parts uploading side by side still make the file, byte for byte and in order. */
@WorkerTest
class ObjectUploadTest {

    static final int PART = 5 * 1024 * 1024; // the smallest part S3 takes
    static final BiConsumer<String, RuntimeException> NOT_EXPECTED = (id, failure) -> {
        throw new AssertionError("abort failed", failure);
    };

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    final ExecutorService uploads = Executors.newCachedThreadPool();
    final String key = "tests/" + UUID.randomUUID() + "/file.csv";

    @AfterEach
    void stopUploads() {
        uploads.shutdownNow();
    }

    @Test
    void a_file_of_many_parts_uploaded_three_at_a_time_arrives_whole_and_in_order() throws Exception {
        byte[] file = new byte[7 * PART + 12_345];
        new Random(7).nextBytes(file);
        List<String> uploadIds = new ArrayList<>();

        try (ObjectUpload upload = new ObjectUpload(
                s3, target(), PART, 3, uploads, uploadIds::add, NOT_EXPECTED, StoreOutage.GIVE_UP, Traces.OFF)) {
            for (int at = 0; at < file.length; at += 64 * 1024) {
                upload.write(file, at, Math.min(64 * 1024, file.length - at));
            }
            upload.complete();
        }

        assertThat(uploadIds).hasSize(1);
        assertThat(s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(key))
                        .asByteArray())
                .isEqualTo(file);
    }

    @Test
    void a_file_smaller_than_a_part_arrives_whole_in_one_put_however_it_was_written() throws Exception {
        byte[] file = new byte[PART - 1_000]; // its buffer grows from 64 KiB, doubling, through all sizes
        new Random(11).nextBytes(file);
        List<String> uploadIds = new ArrayList<>();

        try (ObjectUpload upload = new ObjectUpload(
                s3, target(), PART, 2, uploads, uploadIds::add, NOT_EXPECTED, StoreOutage.GIVE_UP, Traces.OFF)) {
            upload.write(file[0]);
            for (int at = 1; at < file.length; at += 9_999) {
                upload.write(file, at, Math.min(9_999, file.length - at));
            }
            upload.complete();
        }

        assertThat(uploadIds).isEmpty();
        assertThat(s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(key))
                        .asByteArray())
                .isEqualTo(file);
    }

    @Test
    void parts_the_store_failed_are_sent_again_once_the_outage_allows_and_the_file_arrives_whole() throws Exception {
        byte[] file = new byte[4 * PART + 777];
        new Random(5).nextBytes(file);
        // the store fails parts 2 and 3 once each, and the completion once, as a store that goes away for a while
        Map<String, Integer> failures = new HashMap<>(Map.of("2", 1, "3", 1, "complete", 1));
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        S3Client blinking = (S3Client) Proxy.newProxyInstance(
                S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, (proxy, method, args) -> {
                    String call = switch (method.getName()) {
                        case "uploadPart" -> partNumberOf(args[0]);
                        case "completeMultipartUpload" -> "complete";
                        default -> null;
                    };
                    if (call != null) {
                        sent.add(call);
                        synchronized (failures) {
                            if (failures.getOrDefault(call, 0) > 0) {
                                failures.merge(call, -1, Integer::sum);
                                throw SdkClientException.create("connection refused");
                            }
                        }
                    }
                    try {
                        return method.invoke(s3, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        List<Long> waits = new ArrayList<>();
        StoreOutage waitForTheStore = (failure, heldSince) -> waits.add(heldSince);

        try (ObjectUpload upload = new ObjectUpload(
                blinking, target(), PART, 2, uploads, id -> {}, NOT_EXPECTED, waitForTheStore, Traces.OFF)) {
            for (int at = 0; at < file.length; at += 64 * 1024) {
                upload.write(file, at, Math.min(64 * 1024, file.length - at));
            }
            upload.complete();
        }

        assertThat(s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(key))
                        .asByteArray())
                .isEqualTo(file);
        assertThat(waits).hasSize(3).containsOnly(waits.get(0)); // one hold, counted from the first failure
        // the parts the store confirmed were never sent again: it continued where it was
        assertThat(sent).filteredOn("1"::equals).hasSize(1);
        assertThat(sent).filteredOn("2"::equals).hasSize(2);
        assertThat(sent).filteredOn("4"::equals).hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private static String partNumberOf(Object request) {
        if (request instanceof software.amazon.awssdk.services.s3.model.UploadPartRequest part) {
            return Integer.toString(part.partNumber());
        }
        var builder = software.amazon.awssdk.services.s3.model.UploadPartRequest.builder();
        ((java.util.function.Consumer<software.amazon.awssdk.services.s3.model.UploadPartRequest.Builder>) request)
                .accept(builder);
        return Integer.toString(builder.build().partNumber());
    }

    @Test
    void an_upload_closed_before_it_completes_leaves_no_object() throws Exception {
        try (ObjectUpload upload = new ObjectUpload(
                s3, target(), PART, 2, uploads, id -> {}, NOT_EXPECTED, StoreOutage.GIVE_UP, Traces.OFF)) {
            upload.write(new byte[3 * PART]);
        }

        assertThat(objectExists()).isFalse();
    }

    @Test
    void an_upload_the_store_fails_to_abort_is_handed_over_to_be_aborted_later() throws Exception {
        S3Client abortFails = (S3Client) Proxy.newProxyInstance(
                S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, (proxy, method, args) -> {
                    if (method.getName().equals("abortMultipartUpload")) {
                        throw SdkClientException.create("the store went away");
                    }
                    try {
                        return method.invoke(s3, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        List<String> uploadIds = new ArrayList<>();
        Map<String, String> handedOver = new HashMap<>();

        try (ObjectUpload upload = new ObjectUpload(
                abortFails,
                target(),
                PART,
                2,
                uploads,
                uploadIds::add,
                (id, failure) -> handedOver.put(id, failure.getMessage()),
                StoreOutage.GIVE_UP,
                Traces.OFF)) {
            upload.write(new byte[PART + 1]);
        }

        assertThat(handedOver).containsExactly(Map.entry(uploadIds.get(0), "the store went away"));
        s3.abortMultipartUpload(abort -> abort.bucket(storage.bucket()).key(key).uploadId(uploadIds.get(0)));
    }

    private ObjectTarget target() {
        return new ObjectTarget(storage.bucket(), key, "text/csv", "attachment; filename=\"file.csv\"");
    }

    private boolean objectExists() {
        try {
            s3.headObject(head -> head.bucket(storage.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}
