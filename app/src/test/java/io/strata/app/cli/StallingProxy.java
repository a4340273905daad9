package io.strata.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Is a loopback TCP proxy to a server that stops forwarding a connection, for good, once the
 * client sends one of the given markers (such as a course key in a request line): the requests of
 * that course reach a server that no longer answers, while every other request goes through. Close
 * it to drop every connection.
 */
final class StallingProxy implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final InetSocketAddress target;
    private final List<String> markers;
    private final ServerSocket socket;
    private final List<Socket> opened = new CopyOnWriteArrayList<>();

    /** Starts listening on a free loopback port, forwarding to the target. */
    StallingProxy(InetSocketAddress target, List<String> markers) {
        this.target = target;
        this.markers = List.copyOf(markers);
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback server socket", e);
        }
        daemon("stalling-proxy-" + socket.getLocalPort(), this::acceptForever);
    }

    /** Returns the port it listens on. */
    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (var connection : opened) {
            connection.close();
        }
    }

    private void acceptForever() {
        while (!socket.isClosed()) {
            try {
                var client = socket.accept();
                var server = new Socket(target.getAddress(), target.getPort());
                opened.add(client);
                opened.add(server);
                daemon("stalling-proxy-up", () -> pump(client, server, true));
                daemon("stalling-proxy-down", () -> pump(server, client, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean watched) {
        var buffer = new byte[BUFFER_BYTES];
        var recent = "";
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                // The tail of the previous read, so that a marker split between two reads is seen.
                var text = recent + new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                if (watched && markers.stream().anyMatch(text::contains)) {
                    // Left open and never forwarded: the client waits for a reply that never comes.
                    return;
                }
                recent = text.substring(Math.max(0, text.length() - 256));
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // Either side closed the connection: nothing left to forward.
        }
    }

    private static void daemon(String name, Runnable task) {
        var thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
