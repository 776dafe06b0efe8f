package com.coaching.exports.worker.webhook;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A real webhook endpoint on loopback (the JDK's HTTP server): it keeps every request and answers
 * with the statuses it is told, in order (200 once they run out, unless it is {@link #stalling}), or
 * never answers ({@link #HANG}).
 */
final class Receiver implements AutoCloseable {

    /** An "answer" that never comes, as from an endpoint whose sender died waiting. */
    static final int HANG = -1;
    /** 302 to {@link #redirectingTo}'s address. */
    static final int REDIRECT = -2;
    /** 200 with 8 KiB of body at once, then a trickle that lasts until the sender hangs up (or 30 s). */
    static final int ENDLESS = -3;

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String location;
    private volatile int otherwise = 200;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next requests are answered with these statuses, in order. */
    Receiver answering(Integer... statuses) {
        answers.addAll(List.of(statuses));
        return this;
    }

    /** Requests beyond the statuses told are never answered: an endpoint that accepts and stalls. */
    Receiver stalling() {
        otherwise = HANG;
        return this;
    }

    /** Where a {@link #REDIRECT} answer sends the sender. */
    Receiver redirectingTo(String url) {
        location = url;
        return this;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        Integer next = answers.poll();
        int status = next == null ? otherwise : next;
        received.add(new Received(headers, body, status));
        if (status == HANG) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (status == REDIRECT) {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
        } else if (status == ENDLESS) {
            sendWithoutEnd(exchange);
        } else {
            exchange.sendResponseHeaders(status, -1);
        }
        exchange.close();
    }

    private static void sendWithoutEnd(HttpExchange exchange) {
        try (OutputStream body = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, 0);
            body.write(new byte[8 * 1024]);
            body.flush();
            for (int i = 0; i < 300; i++) { // then a trickle, for 30 s
                Thread.sleep(100);
                body.write(new byte[1024]);
                body.flush();
            }
        } catch (IOException e) {
            // the sender hung up after what it reads of an answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }

    /** One request as the endpoint got it, and the status it answered with. */
    record Received(Map<String, List<String>> headers, String body, int answered) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        /** Checks the signature with the Standard Webhooks library, as a receiver would; throws when it does not match. */
        void verify(String secret) throws Exception {
            new Webhook(secret).verify(body, headers);
        }
    }
}
