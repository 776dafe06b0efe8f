package com.coaching.exports.worker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on loopback in front of the store that can be taken down: while down, it resets every
 * connection, as a store that went away would. Bytes pass untouched, so signed requests stay valid.
 * (A smaller cousin of {@code local}'s {@code FaultyTcpProxy}, which worker tests cannot reach.)
 */
public final class DroppingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "dropping-proxy");
        thread.setDaemon(true);
        return thread;
    });
    /** Open connections, both ends: going down closes them, or pooled keep-alive ones would live on. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private volatile int targetPort;
    private volatile boolean down;

    private DroppingProxy() throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    public static DroppingProxy start() {
        try {
            return new DroppingProxy();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Where connections go; until it is known, they are reset. */
    public void forwardTo(int port) {
        this.targetPort = port;
    }

    public void down(boolean down) {
        this.down = down;
        if (down) {
            for (Socket socket : open) {
                close(socket);
            }
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (down || targetPort == 0) {
                    client.setSoLinger(true, 0); // reset, not a clean close
                    client.close();
                    continue;
                }
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(target);
                threads.submit(() -> pipe(client, target));
                threads.submit(() -> pipe(target, client));
            } catch (IOException e) {
                // closed, or one connection failed: keep serving the others
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the other side went away, or the proxy closed
        } finally {
            close(from);
            close(to);
        }
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
