package io.strata.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Is a loopback server that accepts every connection and never answers: the hung cache server
 * that a client's operation timeout must guard against. Close it to drop its connections.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** Starts listening on a free loopback port. */
    public SilentServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback server socket", e);
        }
        acceptor = new Thread(this::acceptForever, "silent-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Returns the address it listens on. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    /** Returns how many connections it has accepted so far. */
    public int acceptedConnections() {
        return accepted.size();
    }

    @Override
    public void close() {
        try {
            socket.close();
            for (var connection : accepted) {
                connection.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the silent server", e);
        }
    }

    private void acceptForever() {
        while (!socket.isClosed()) {
            try {
                // Kept open and never read or written: the client waits for a reply that never comes.
                accepted.add(socket.accept());
            } catch (IOException e) {
                return;
            }
        }
    }
}
