package io.swarmplace.torrent.internal.engine;

import io.swarmplace.torrent.TorrentEvent;
import io.swarmplace.torrent.TorrentEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers engine events to the whiteboard listeners on one thread of its own, in order, so that a slow
 * or failing listener never stalls a torrent's event loop.
 */
final class EventBus implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventBus.class.getName());

    private final List<TorrentEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "swarmplace-torrent-events");
        thread.setDaemon(true);
        return thread;
    });

    void add(TorrentEventListener listener) {
        listeners.add(listener);
    }

    void remove(TorrentEventListener listener) {
        listeners.remove(listener);
    }

    void publish(TorrentEvent event) {
        if (listeners.isEmpty() || delivery.isShutdown()) {
            return;
        }
        delivery.execute(() -> {
            for (TorrentEventListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "torrent event listener " + listener.getClass().getName() + " failed on " + event, e);
                }
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        delivery.shutdown();
        delivery.awaitTermination(2, TimeUnit.SECONDS);
    }
}
