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
 * closes it at once, as a store that drops its connections would. Bytes pass untouched otherwise,
 * so signed requests (whose Host is the proxy's) stay valid.
 */
final class FaultyTcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "faulty-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean failing;

    FaultyTcpProxy(int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        threads.submit(this::accept);
    }

    int port() {
        return server.getLocalPort();
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
                threads.submit(() -> pipe(client, target));
                threads.submit(() -> pipe(target, client));
            } catch (IOException e) {
                // closed, or one connection failed: keep serving the others
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the other side went away
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
