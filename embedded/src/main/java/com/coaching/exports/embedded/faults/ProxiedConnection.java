package com.coaching.exports.embedded.faults;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One client connection of a {@link FaultyTcpProxy} and, unless it was black-holed on arrival, its
 * connection to the service. It leaves the proxy's set of open connections as it closes.
 */
final class ProxiedConnection {

    final Socket client;
    volatile @Nullable Socket target;
    volatile boolean dead;
    private final Set<ProxiedConnection> open;

    ProxiedConnection(Socket client, Set<ProxiedConnection> open) {
        this.client = client;
        this.open = open;
    }

    /** Closes both sockets with a reset (RST), not a clean close. */
    void reset() {
        for (Socket socket : new Socket[] {client, target}) {
            if (socket != null) {
                try {
                    socket.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
        close();
    }

    void close() {
        open.remove(this);
        for (Socket socket : new Socket[] {client, target}) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }
}
