package io.strata.app.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Explains why the service cannot listen where it is told to, in one line an operator can act on:
 * Jetty reports an unresolvable host, an address of another machine and a port in use alike, as a
 * failed bind that Javalin calls a port in use.
 */
final class ListenAddress {
    private ListenAddress() {
    }

    /**
     * Checks that the host resolves to an address of this machine (or the wildcard address) and
     * that the port is free there. A port taken between this check and the bind fails the bind,
     * which {@link #bindFailure} explains (Javalin then also logs its own error).
     *
     * @throws IllegalArgumentException naming the host and the port otherwise
     */
    static void checkAvailable(String host, int port) {
        var address = localAddress(host, port);
        if (port == 0) {
            return;
        }
        try (var probe = new ServerSocket()) {
            // As Jetty binds: a port whose last connections wait out TIME_WAIT is free.
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw bindFailure(host, port, new UncheckedIOException(e));
        }
    }

    private static InetAddress localAddress(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw refused(host, port, "the host cannot be resolved; set service.host to a name or address of this"
                    + " machine, or 0.0.0.0 for all");
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || isOfThisMachine(address)) {
            return address;
        }
        throw refused(host, port, String.format(Locale.ROOT, "address[%s] is not an address of this machine;"
                + " set service.host to one of its addresses, or 0.0.0.0 for all", address.getHostAddress()));
    }

    /**
     * Returns the failure to report when binding failed, from the bind exception among the causes;
     * rethrows {@code failure} when none is one.
     */
    static IllegalArgumentException bindFailure(String host, int port, RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                var message = String.valueOf(bind.getMessage());
                return refused(host, port, message.toLowerCase(Locale.ROOT).contains("in use")
                        ? "the port is in use by another process; stop it or choose another port (service.port or"
                                + " --port)"
                        : "the address cannot be bound (" + message + ")");
            }
        }
        throw failure;
    }

    private static boolean isOfThisMachine(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            // Without the interface list the bind itself decides, and bindFailure explains it.
            return true;
        }
    }

    private static IllegalArgumentException refused(String host, int port, String reason) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "Cannot listen on host[%s] port[%d]: %s",
                host, port, reason));
    }
}
