package com.coaching.exports.local.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on loopback that can be told to fail: while failing, it accepts each connection and
 * closes it at once, as a store that drops its connections would. It can also be slow: what
 * clients send then flows at a set number of bytes a second. Bytes pass untouched, so signed
 * requests (whose Host is the proxy's) stay valid.
 */
public final class FaultyTcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "faulty-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean failing;
    private volatile long upstreamBytesPerSecond;

    public FaultyTcpProxy(int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        threads.submit(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, what each client sends flows at {@code bytesPerSecond} at most. */
    public void slowUploadsTo(long bytesPerSecond) {
        this.upstreamBytesPerSecond = bytesPerSecond;
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (failing) {
                    client.setSoLinger(true, 0); // reset, not a clean close
                    client.close();
                    continue;
                }
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                threads.submit(() -> pipe(client, target, true));
                threads.submit(() -> pipe(target, client, false));
            } catch (IOException e) {
                // closed, or one connection failed: keep serving the others
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean upstream) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            long due = System.nanoTime(); // when the bytes sent so far may have arrived; idle time earns no burst
            for (int n; (n = in.read(buffer)) != -1; ) {
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
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
