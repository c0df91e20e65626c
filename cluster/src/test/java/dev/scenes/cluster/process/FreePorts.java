package dev.scenes.cluster.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1, for processes that need their port before they start. */
public final class FreePorts {

    private FreePorts() {}

    /**
     * A port that was free on 127.0.0.1 a moment ago. Another process may take it before ours binds
     * it; the ports come from the kernel's ephemeral range, where that is rare.
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
