package dev.edgeauth.gateway.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.edgeauth.common.logging.DecisionLog;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Applies changes of the routes file without a restart.
 *
 * <p>
 * A dedicated daemon thread (never an event loop: reading a file blocks) waits for
 * file-system events in the file's directory, and checks the file at least every
 * {@code routes-check-interval} anyway (some file systems and editors' rename-on-save do
 * not raise the event one expects). When the content changed it is parsed: a valid file
 * replaces the routes and a {@link RefreshRoutesEvent} makes the gateway use them; an
 * invalid one is refused with one error log line naming the mistake, and the running
 * routes stay.
 */
final class RoutesFileWatcher implements SmartLifecycle {

    private static final DecisionLog decisions = DecisionLog.of(RoutesFileWatcher.class);

    private final Path file;

    private final Duration checkInterval;

    private final RoutesFile parser;

    private final RoutesFileRouteDefinitionLocator locator;

    private final ApplicationEventPublisher events;

    private volatile @Nullable String lastSeen;

    private volatile @Nullable Thread thread;

    private volatile boolean running;

    RoutesFileWatcher(Path file, String initialContent, Duration checkInterval, RoutesFile parser,
            RoutesFileRouteDefinitionLocator locator, ApplicationEventPublisher events) {
        this.file = file.toAbsolutePath();
        this.lastSeen = initialContent;
        this.checkInterval = checkInterval;
        this.parser = parser;
        this.locator = locator;
        this.events = events;
    }

    @Override
    public void start() {
        this.running = true;
        Thread watcher = new Thread(this::watch, "edgeauth-routes-watcher");
        watcher.setDaemon(true);
        this.thread = watcher;
        watcher.start();
    }

    @Override
    public void stop() {
        this.running = false;
        Thread watcher = this.thread;
        if (watcher != null) {
            watcher.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    private void watch() {
        try (WatchService service = FileSystems.getDefault().newWatchService()) {
            Path directory = this.file.getParent();
            if (directory != null) {
                directory.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
            while (this.running) {
                WatchKey key = service.poll(this.checkInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
                checkNow();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (IOException | ClosedWatchServiceException ex) {
            decisions.error("routes_watch_failed", "file", this.file, "cause", ex.getMessage());
        }
    }

    /** Reads the file and applies it when it changed. */
    void checkNow() {
        String content;
        try {
            content = Files.readString(this.file, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            if (this.lastSeen != null) {
                decisions.error("routes_file_unreadable", "file", this.file, "cause", ex.getClass().getSimpleName(),
                        "action", "keeping_running_routes");
                this.lastSeen = null;
            }
            return;
        }
        if (content.equals(this.lastSeen)) {
            return;
        }
        this.lastSeen = content;
        List<RouteSpec> routes;
        try {
            routes = this.parser.parse(content);
        }
        catch (RoutesFile.InvalidRoutesFileException ex) {
            decisions.error("routes_file_refused", "file", this.file, "cause", ex.getMessage(), "action",
                    "keeping_running_routes");
            return;
        }
        this.locator.replace(routes);
        this.events.publishEvent(new RefreshRoutesEvent(this));
        decisions.info("routes_file_applied", "file", this.file, "routes", routes.stream().map(RouteSpec::id).toList());
    }

}
