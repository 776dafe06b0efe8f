package com.coaching.exports.local;

import com.coaching.exports.api.support.Tokens;
import com.coaching.exports.shared.storage.StorageProperties;
import com.coaching.exports.worker.WorkerApplication;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * A worker in a process of its own, on the services a running API uses: so that it can be killed
 * for real, or given a heap of its own size.
 */
public final class WorkerProcess {

    private WorkerProcess() {}

    /**
     * Starts worker {@code id} with {@code -Xmx<heap>}, logging to {@code target/<id>.log}.
     *
     * @param api the API's settings: where the database, the broker and the store are
     */
    public static Process start(String id, String heap, Environment api, StorageProperties storage) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dexports.embedded.enabled=false",
                "-Dexports.worker.id=" + id,
                "-Dserver.port=0",
                "-Dexports.worker.heartbeat-interval=1s",
                "-Dexports.source.migrate=true",
                "-Dspring.datasource.url=" + api.getProperty("spring.datasource.url"),
                "-Dspring.datasource.username=" + api.getProperty("spring.datasource.username"),
                "-Dspring.datasource.password=" + api.getProperty("spring.datasource.password", ""),
                "-Dspring.rabbitmq.host=" + api.getProperty("spring.rabbitmq.host"),
                "-Dspring.rabbitmq.port=" + api.getProperty("spring.rabbitmq.port", "5672"),
                "-Dspring.rabbitmq.username=" + api.getProperty("spring.rabbitmq.username", "guest"),
                "-Dspring.rabbitmq.password=" + api.getProperty("spring.rabbitmq.password", "guest"),
                "-Dspring.rabbitmq.virtual-host=" + api.getProperty("spring.rabbitmq.virtual-host", "/"),
                "-Dexports.storage.endpoint=" + storage.endpoint(),
                "-Dexports.storage.bucket=" + storage.bucket(),
                "-Dexports.storage.access-key=" + storage.accessKey(),
                "-Dexports.storage.secret-key=" + storage.secretKey(),
                "-Dexports.storage.path-style-access=true",
                "-Dspring.mail.host=127.0.0.1",
                "-Dexports.links.secret=" + Tokens.LINK_SECRET,
                "-D" + Tokens.ALLOW_DEV_SECRETS + "=true",
                WorkerApplication.class.getName()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/" + id + ".log"))
                .start();
    }
}
