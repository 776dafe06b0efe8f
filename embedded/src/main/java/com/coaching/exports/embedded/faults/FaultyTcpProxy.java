package com.coaching.exports.embedded.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A TCP proxy on loopback in front of one service, told to fail as a network or a server does:
 * <ul>
 * <li>{@link #refuse()}: each new connection is reset at once; open ones carry on</li>
 * <li>{@link #cut()}: every open connection is reset, and each new one, until {@link #heal()}</li>
 * <li>{@link #blackHole()}: open and new connections are kept open but nothing more passes, either way;
 * such a connection stays dead after {@link #heal()} (a peer that never answers), only new ones work</li>
 * <li>{@link #slowUploadsTo(long)}: what clients send flows at a set number of bytes a second</li>
 * </ul>
 * Bytes pass untouched, so signed requests (whose Host is the proxy's) stay valid. The fault proxies
 * of the fault tests (local and worker) and of the chaos run (bench) are this class.
 */
public final class FaultyTcpProxy implements AutoCloseable {

    /** What the proxy does with connections now. */
    public enum Mode {
        PASS,
        REFUSE,
        BLACK_HOLE
    }

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final String name;
    private final Set<ProxiedConnection> links = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicReference<Trigger> trigger = new AtomicReference<>();
    private final ExecutorService threads;
    private volatile Mode mode = Mode.PASS;
    private volatile long upstreamBytesPerSecond;

    /** A proxy in front of {@code targetPort} on loopback. */
    public FaultyTcpProxy(int targetPort) throws IOException {
        this("proxy", InetAddress.getLoopbackAddress().getHostAddress(), targetPort);
    }

    /** A proxy named {@code name} (in its threads' names) in front of {@code targetHost:targetPort}. */
    public FaultyTcpProxy(String name, String targetHost, int targetPort) throws IOException {
        if (targetPort < 1 || targetPort > 65_535) {
            // here, not on the accept thread, where it would end the loop and leave clients hanging unanswered
            throw new IllegalArgumentException("no port to forward to: " + targetPort);
        }
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.name = name;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "faulty-proxy-" + name);
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String name() {
        return name;
    }

    public Mode mode() {
        return mode;
    }

    /** From now on, what each client sends flows at {@code bytesPerSecond} at most (0: no limit). */
    public void slowUploadsTo(long bytesPerSecond) {
        this.upstreamBytesPerSecond = bytesPerSecond;
    }

    /** New connections are reset as they arrive; open ones carry on. */
    public void refuse() {
        mode = Mode.REFUSE;
    }

    /** Resets every open connection, and each new one until {@link #heal()}: a server gone, a cable pulled. */
    public void cut() {
        mode = Mode.REFUSE;
        for (ProxiedConnection link : links) {
            link.reset();
        }
    }

    /**
     * Open connections and each new one are held open, and nothing passes any more: a server that accepts and
     * never answers. Those connections stay so after {@link #heal()}; only a client's own timeout ends them.
     */
    public void blackHole() {
        mode = Mode.BLACK_HOLE;
        for (ProxiedConnection link : links) {
            link.dead = true;
        }
    }

    /** New connections pass again (connections black-holed before stay dead). Slowing stays as set. */
    public void heal() {
        mode = Mode.PASS;
    }

    /**
     * Runs {@code action} once, on the first chunk a client sends whose first line (e.g. an HTTP request
     * line) matches, before that chunk is passed on: a fault at an exact moment of a protocol.
     */
    public void onRequest(Predicate<String> firstLine, Runnable action) {
        trigger.set(new Trigger(firstLine, action));
    }

    /** Resets the connections a black hole holds: the silent server restarts, its clients see a reset. */
    public void resetDeadConnections() {
        for (ProxiedConnection link : links) {
            if (link.dead) {
                link.reset();
            }
        }
    }

    /** Drops the trigger {@link #onRequest} armed, if it has not fired. */
    public void disarm() {
        trigger.set(null);
    }

    /** Connections open now, dead ones included. */
    public int openConnections() {
        return links.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                continue; // closed (the loop ends), or one connection failed: keep serving the others
            }
            try {
                serve(client);
            } catch (IOException | RuntimeException e) {
                // whatever one connection meets must not end the loop: that would leave every later client
                // in the backlog, unanswered, for as long as the proxy lives
                new ProxiedConnection(client, links).reset();
            }
        }
    }

    private void serve(Socket client) throws IOException {
        Mode now = mode;
        if (now == Mode.REFUSE) {
            client.setSoLinger(true, 0); // reset, not a clean close
            client.close();
            return;
        }
        ProxiedConnection link = new ProxiedConnection(client, links);
        links.add(link);
        if (now == Mode.BLACK_HOLE) {
            link.dead = true; // accepted; nothing reads it, nothing answers
            return;
        }
        try {
            Socket target = new Socket(targetHost, targetPort);
            link.target = target;
            threads.execute(() -> pipe(link, link.client, target, true));
            threads.execute(() -> pipe(link, target, link.client, false));
        } catch (IOException | RuntimeException e) {
            link.reset(); // the service itself is down (or the proxy closing): the client sees a reset
        }
    }

    private void pipe(ProxiedConnection link, Socket from, Socket to, boolean upstream) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            long due = System.nanoTime(); // when the bytes sent so far may have arrived; idle time earns no burst
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (link.dead) {
                    closed.await(); // hold the connection, pass nothing, until the proxy closes
                    return;
                }
                if (upstream) {
                    fire(buffer, n);
                }
                out.write(buffer, 0, n);
                long limit = upstreamBytesPerSecond;
                if (upstream && limit > 0) {
                    due = Math.max(due, System.nanoTime()) + n * 1_000_000_000L / limit;
                    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                }
            }
        } catch (IOException | InterruptedException e) {
            // the other side went away, or the proxy closed
        } finally {
            link.close();
        }
    }

    private void fire(byte[] chunk, int length) {
        Trigger armed = trigger.get();
        if (armed == null) {
            return;
        }
        int end = 0;
        while (end < Math.min(length, 1024) && chunk[end] != '\r' && chunk[end] != '\n') {
            end++;
        }
        String line = new String(chunk, 0, end, StandardCharsets.ISO_8859_1);
        if (armed.firstLine().test(line) && trigger.compareAndSet(armed, null)) {
            armed.action().run();
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        links.forEach(ProxiedConnection::close);
        threads.shutdownNow();
    }

    private record Trigger(Predicate<String> firstLine, Runnable action) {}
}
