package dev.scenes.demo.dashboard;

import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP server (Javalin): the page (plain HTML, CSS and JavaScript from the
 * classpath folder {@code /dashboard}), {@code GET /api/snapshot} (the whole state as JSON) and
 * {@code GET /api/stream}, Server-Sent Events: a {@code snapshot} event when the page connects,
 * then an {@code update} event with what changed, at most every {@link #PUSH_INTERVAL}.
 *
 * <p>One push thread sends to every page; a page that has gone away is dropped at the next send.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

    /** How often changes are pushed to the pages. */
    public static final Duration PUSH_INTERVAL = Duration.ofMillis(500);

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final DashboardModel model;
    private final Javalin app;
    private final ConcurrentLinkedQueue<SseClient> arriving = new ConcurrentLinkedQueue<>();
    private final List<SseClient> pages = new CopyOnWriteArrayList<>();
    private final Thread pusher;
    private volatile boolean stop;

    private DashboardServer(DashboardModel model, String host, int port) {
        this.model = model;
        this.app =
                Javalin.create(
                        config -> {
                            config.startup.showJavalinBanner = false;
                            config.startup.showOldJavalinVersionWarning = false;
                            config.startup.startupWatcherEnabled = false;
                            config.jetty.host = host;
                            config.jetty.port = port;
                            config.staticFiles.add("/dashboard", Location.CLASSPATH);
                            config.routes.get(
                                    "/api/snapshot",
                                    ctx ->
                                            ctx.contentType("application/json")
                                                    .result(model.snapshotJson()));
                            config.routes.sse(
                                    "/api/stream",
                                    client -> {
                                        client.keepAlive();
                                        client.onClose(() -> pages.remove(client));
                                        arriving.add(client);
                                    });
                        });
        this.pusher = new Thread(this::push, "scenes-dashboard-push");
    }

    /**
     * Serves {@code model} on {@code host}:{@code port} (0: a free port).
     *
     * @throws IllegalStateException if the port cannot be bound, with the address and what to do
     */
    public static DashboardServer start(DashboardModel model, String host, int port) {
        Objects.requireNonNull(model, "model");
        DashboardServer server = new DashboardServer(model, host, port);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.app.stop();
            throw new IllegalStateException(
                    "the dashboard cannot listen on "
                            + host
                            + ":"
                            + port
                            + " ("
                            + rootMessage(e)
                            + "); choose another with --dashboard-port/--port (0: any free port)",
                    e);
        }
        server.pusher.start();
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** Pages connected now. */
    public int pages() {
        return pages.size();
    }

    private void push() {
        long lastSend = System.nanoTime();
        while (!stop) {
            try {
                Thread.sleep(PUSH_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            List<SseClient> newcomers = new ArrayList<>();
            for (SseClient c; (c = arriving.poll()) != null; ) {
                newcomers.add(c);
            }
            DashboardModel.Tick tick = model.tick(!newcomers.isEmpty());
            boolean idle = System.nanoTime() - lastSend > KEEP_ALIVE.toNanos();
            for (SseClient page : pages) {
                if (tick.delta() != null) {
                    send(page, "update", tick.delta());
                } else if (idle) {
                    // A comment keeps proxies from closing the stream and finds closed pages.
                    send(page, null, "keep-alive");
                }
            }
            for (SseClient page : newcomers) {
                if (send(page, "snapshot", tick.snapshot())) {
                    pages.add(page);
                }
            }
            if (tick.delta() != null || idle || !newcomers.isEmpty()) {
                lastSend = System.nanoTime();
            }
        }
    }

    private boolean send(SseClient page, String event, String data) {
        try {
            if (page.terminated()) {
                pages.remove(page);
                return false;
            }
            if (event == null) {
                page.sendComment(data);
            } else {
                page.sendEvent(event, data);
            }
            return !page.terminated();
        } catch (RuntimeException e) {
            LOG.debug("dropped a dashboard page: {}", e.toString());
            pages.remove(page);
            return false;
        }
    }

    /** Closes the pages' streams, stops the push thread and the HTTP server. */
    @Override
    public void close() {
        stop = true;
        pusher.interrupt();
        try {
            pusher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<SseClient> all = new ArrayList<>(pages);
        all.addAll(arriving);
        for (SseClient page : all) {
            try {
                page.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a dashboard page: {}", e.toString());
            }
        }
        app.stop();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
