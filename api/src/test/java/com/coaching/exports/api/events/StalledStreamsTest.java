package com.coaching.exports.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.shared.job.Holder;
import com.coaching.exports.shared.job.JobChanges;
import com.coaching.exports.shared.job.JobTransitions;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.EventStream;
import com.coaching.exports.testkit.EventStream.Event;
import com.coaching.exports.testkit.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Clients that open a stream and then never read: their TCP windows fill (a tiny receive buffer, and
 * a job that changes hundreds of times a second), so every write to them blocks. They must cost
 * nobody else anything, and lose their streams after {@code exports.events.write-timeout}. The
 * server's sockets get small send buffers here ({@link SmallSendBuffers}): on loopback the kernel
 * grows them to megabytes, which would take half a minute of events to fill.
 */
@ApiTest
@Import(StalledStreamsTest.SmallSendBuffers.class)
@TestPropertySource(properties = {"exports.events.write-timeout=1s", "exports.events.keep-alive=100ms"})
class StalledStreamsTest {

    static final int STALLED = 20; // exports.events.max-streams-per-trainer: every slot of the trainer
    static final Duration SOON = Duration.ofSeconds(5);
    static final String WORKER = "stalled-test-worker";

    @TestConfiguration(proxyBeanMethods = false)
    static class SmallSendBuffers {
        @Bean
        TomcatConnectorCustomizer smallSendBuffers() {
            return connector -> connector.setProperty("socket.txBufSize", "4096");
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    JobTransitions transitions;

    @Autowired
    JdbcClient jdbc;

    URI base;
    final List<StalledClient> stalled = new ArrayList<>();
    final List<EventStream> open = new ArrayList<>();
    final AtomicBoolean changing = new AtomicBoolean(true);
    final ExecutorService changes = Executors.newSingleThreadExecutor();

    @BeforeEach
    void server() {
        base = URI.create("http://localhost:" + port);
    }

    @AfterEach
    void hangUp() {
        changing.set(false);
        changes.shutdownNow();
        stalled.forEach(StalledClient::close);
        open.forEach(EventStream::close);
    }

    @Test
    void
            streams_that_stop_reading_are_closed_and_give_their_slots_back_while_another_trainers_stream_gets_its_end_within_a_second()
                    throws Exception {
        String stalledToken = Tokens.trainer(Tokens.newTrainerId());
        UUID busy = newJob(stalledToken);
        transitions.claim(busy, WORKER, Instant.now());
        for (int i = 0; i < STALLED; i++) {
            StalledClient client = new StalledClient(port, stalledToken, busy);
            stalled.add(client);
            assertThat(client.status()).as("stalled stream %d", i).isEqualTo(200);
        }
        assertThat(follow(stalledToken, busy).status()).isEqualTo(429);
        String otherToken = Tokens.trainer(Tokens.newTrainerId());
        UUID theirs = newJob(otherToken);
        EventStream watching = follow(otherToken, theirs);
        assertThat(watching.next(SOON).json().get("status").asString()).isEqualTo("QUEUED");

        // the busy job's progress, as fast as the database takes it: each change is an event for 20
        // clients that read none of them, until their sockets are full
        changes.execute(() -> {
            while (changing.get()) {
                progress(busy);
            }
        });
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    drain(watching);
                    EventStream again = follow(stalledToken, busy);
                    return again.status() == 200;
                });

        // the stalled clients' writes still block (until Tomcat's own write timeout): nobody waits for them
        long beforeTheMove = System.nanoTime();
        transitions.claim(theirs, WORKER, Instant.now());
        transitions.succeed(theirs, Holder.of(WORKER, 1), JobEventsTest.result(), Instant.now());
        Event last = untilStatus(watching, "SUCCEEDED");
        assertThat(Duration.ofNanos(last.nanos() - beforeTheMove)).isLessThan(Duration.ofSeconds(1));
        assertThat(watching.endsWithin(SOON)).isTrue();
        assertThat(longestSilence(watching.seen()))
                .as("keep-alives and events of the stream that reads, while the others stalled")
                .isLessThan(Duration.ofSeconds(1));

        // and the slots are all the trainer's again
        changing.set(false);
        for (int i = 1; i < STALLED; i++) {
            assertThat(follow(stalledToken, busy).status()).as("stream %d", i).isEqualTo(200);
        }
    }

    private static Event untilStatus(EventStream events, String status) {
        while (true) {
            Event next = events.next(SOON);
            assertThat(next).as("an event with status " + status).isNotNull();
            if (next.json().get("status").asString().equals(status)) {
                return next;
            }
        }
    }

    /** Takes every event and comment line that arrived so far. */
    private static void drain(EventStream events) {
        while (events.nextOrComment(Duration.ZERO) != null) {
            // seen() keeps it
        }
    }

    private static Duration longestSilence(List<Event> seen) {
        long longest = 0;
        for (int i = 1; i < seen.size(); i++) {
            longest = Math.max(longest, seen.get(i).nanos() - seen.get(i - 1).nanos());
        }
        return Duration.ofNanos(longest);
    }

    /** A worker's progress write, with its notification: one more event for every stream of the job. */
    private void progress(UUID job) {
        jdbc.sql("update export_job set rows_written = rows_written + 1, version = version + 1 where id = :id"
                        + " returning " + JobChanges.NOTIFY)
                .param("id", job)
                .query()
                .listOfRows();
    }

    private UUID newJob(String token) {
        return UUID.fromString(new ApiClient(base, token)
                .post("/api/v1/exports", "{\"dataset\": \"trainees\"}")
                .json()
                .get("id")
                .asString());
    }

    private EventStream follow(String token, UUID job) {
        EventStream stream = EventStream.open(base, token, "/api/v1/exports/" + job + "/events");
        open.add(stream);
        return stream;
    }

    /**
     * A client that sends its request, reads the answer's head and then nothing: its receive buffer
     * is as small as the system allows, so the server's writes soon block.
     */
    static final class StalledClient implements AutoCloseable {

        private static final int TINY = 1024;

        private final Socket socket;
        private final int status;

        StalledClient(int port, String token, UUID job) throws IOException {
            socket = new Socket();
            socket.setReceiveBufferSize(TINY); // before connecting: the window it offers is set then
            socket.setSoTimeout((int) SOON.toMillis());
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            socket.getOutputStream()
                    .write(("GET /api/v1/exports/" + job + "/events HTTP/1.1\r\n"
                                    + "Host: localhost\r\n"
                                    + "Accept: text/event-stream\r\n"
                                    + "Authorization: Bearer " + token + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String head = head(socket.getInputStream());
            status = Integer.parseInt(head.substring(9, 12));
        }

        int status() {
            return status;
        }

        /** The status line and headers, read a byte at a time so that nothing after them is taken. */
        private static String head(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the server closed before the head ended: " + head);
                }
                head.append((char) b);
            }
            return head.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
