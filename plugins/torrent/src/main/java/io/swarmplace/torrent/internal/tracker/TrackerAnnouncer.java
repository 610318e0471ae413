package io.swarmplace.torrent.internal.tracker;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Announces one torrent to its trackers for as long as the engine runs it (BEP 3, BEP 12).
 *
 * <p>Each round tries the trackers in {@link TrackerTiers} order and stops at the first that answers,
 * which moves to the front of its tier; the next tier is tried only when every tracker of a tier
 * failed. After an answer the next round comes after the tracker's interval (held within
 * {@link AnnouncerSettings}); after a round without any answer, after the {@link AnnounceBackoff}.
 * Events: "started" goes once to each tracker before anything else (so a tracker reached only later
 * still learns of us), "completed" once, to the tracker in use when the download finished (not at all
 * if the torrent was complete when it started), "stopped" on {@link #stop()} to every tracker that had
 * been told "started". Extra announces asked for with {@link #requestPeers()} wait for the tracker's
 * "min interval".
 *
 * <p>Private torrents (BEP 27) need nothing here: the announcer only ever talks to the trackers it is
 * given, the torrent's own; keeping DHT, PEX and local discovery away from them is the engine's job.
 *
 * <p>Thread-safe; all state is guarded by this object, and the listener is called outside the lock.
 */
public final class TrackerAnnouncer {

    private final AnnouncerEnvironment environment;
    private final InfoHash infoHash;
    private final byte[] peerId;
    private final int port;
    private final int key;
    private final Supplier<TransferTotals> totals;
    private final TrackerListener listener;
    private final TrackerTiers tiers;
    private final Map<URI, TrackerState> states = new HashMap<>();

    private boolean running;
    private boolean stopped;
    private boolean downloadedWhileRunning;
    private boolean completionRequested;
    private boolean completionPending;
    private int failedRounds;
    private URI working;
    private CompletableFuture<Void> round;
    private CompletableFuture<Void> stopping;
    private TrackerScheduler.Cancellable nextRound;
    private Instant nextRoundAt;

    /** What is known about one tracker. */
    private static final class TrackerState {
        boolean started;
        byte[] trackerId = new byte[0];
        Instant lastAnnounce;
        Instant lastSuccess;
        String lastError;
        OptionalInt seeders = OptionalInt.empty();
        OptionalInt leechers = OptionalInt.empty();
        String warning;
        Duration minInterval;
    }

    public TrackerAnnouncer(AnnouncerEnvironment environment, InfoHash infoHash, List<List<URI>> announceList, byte[] peerId,
            int port, Supplier<TransferTotals> totals, TrackerListener listener) {
        this.environment = environment;
        this.infoHash = infoHash;
        this.peerId = peerId.clone();
        this.port = port;
        this.key = environment.random().nextInt();
        this.totals = totals;
        this.listener = listener;
        this.tiers = new TrackerTiers(announceList, environment.random());
        tiers.tryOrder().forEach(tracker -> states.put(tracker, new TrackerState()));
    }

    /** Announces "started" now and keeps announcing. The future completes when this first round has ended. */
    public synchronized CompletableFuture<Void> start() {
        if (running || stopped) {
            return roundInProgress();
        }
        running = true;
        downloadedWhileRunning = totals.get().left() > 0;
        return beginRound();
    }

    /** The download finished: announces "completed" (once) without waiting for the interval. */
    public synchronized CompletableFuture<Void> completed() {
        if (!running || !downloadedWhileRunning || completionRequested) {
            return roundInProgress();
        }
        completionRequested = true;
        completionPending = true;
        if (round != null) {
            // The round in flight sees the flag when it ends and schedules the next round at once.
            return round;
        }
        cancelNextRound();
        return beginRound();
    }

    /**
     * The engine wants more peers: announces as soon as the tracker in use allows (its "min interval",
     * at least {@link AnnouncerSettings#minimumInterval()}, after its last answer).
     */
    public synchronized void requestPeers() {
        if (!running || round != null || failedRounds > 0 || tiers.isEmpty()) {
            // While no tracker answers, the backoff decides; asking more often would only hammer them.
            return;
        }
        Instant now = environment.clock().instant();
        Instant allowed = earliestExtraAnnounce();
        if (!allowed.isAfter(now)) {
            cancelNextRound();
            beginRound();
        } else if (nextRoundAt == null || allowed.isBefore(nextRoundAt)) {
            scheduleRound(Duration.between(now, allowed));
        }
    }

    /**
     * Stops announcing and tells every tracker that was told "started" that this client left. The
     * future completes when they have all answered or failed (bounded by the clients' timeouts).
     */
    public synchronized CompletableFuture<Void> stop() {
        if (stopping != null) {
            return stopping;
        }
        stopped = true;
        running = false;
        cancelNextRound();
        CompletableFuture<Void> inFlight = round == null ? CompletableFuture.completedFuture(null) : round;
        stopping = inFlight.handle((done, failure) -> null).thenCompose(ignored -> sendStopped());
        return stopping;
    }

    /** Every tracker in try order, for {@code torrent info}. */
    public synchronized List<TrackerStatus> status() {
        List<URI> order = tiers.tryOrder();
        List<TrackerStatus> statuses = new ArrayList<>(order.size());
        for (URI tracker : order) {
            TrackerState state = states.get(tracker);
            boolean nextUp = !order.isEmpty() && order.get(0).equals(tracker) && nextRoundAt != null;
            statuses.add(new TrackerStatus(
                    TrackerUrls.withoutQuery(tracker),
                    tiers.tierOf(tracker),
                    Optional.ofNullable(state.lastAnnounce),
                    Optional.ofNullable(state.lastSuccess),
                    nextUp ? Optional.of(nextRoundAt) : Optional.empty(),
                    Optional.ofNullable(state.lastError),
                    state.seeders,
                    state.leechers,
                    Optional.ofNullable(state.warning)));
        }
        return statuses;
    }

    /** When the next round is due, if one is scheduled. */
    public synchronized Optional<Instant> nextAnnounce() {
        return Optional.ofNullable(nextRoundAt);
    }

    /** The round in flight, or a completed future when none is: lets tests wait without sleeping. */
    synchronized CompletableFuture<Void> roundInProgress() {
        return round == null ? CompletableFuture.completedFuture(null) : round;
    }

    private CompletableFuture<Void> beginRound() {
        nextRoundAt = null;
        CompletableFuture<Void> done = new CompletableFuture<>();
        round = done;
        List<URI> order = tiers.tryOrder();
        tryTracker(order, 0, done);
        return done;
    }

    /** Announces to {@code order[index]}; on failure moves on to the next, on success ends the round. */
    private void tryTracker(List<URI> order, int index, CompletableFuture<Void> done) {
        if (stopped) {
            endRound(done);
            return;
        }
        if (order.isEmpty()) {
            // A torrent without trackers (a magnet link with none, say): nothing to announce, ever.
            endRound(done);
            return;
        }
        if (index >= order.size()) {
            failedRounds++;
            scheduleRound(environment.settings().backoff().after(failedRounds));
            endRound(done);
            return;
        }
        URI tracker = order.get(index);
        TrackerState state = states.get(tracker);
        AnnounceRequest request = request(state, eventFor(state), environment.settings().numWant());
        state.lastAnnounce = environment.clock().instant();
        environment.client().announce(tracker, request).whenComplete((response, failure) -> {
            List<TrackerPeer> found;
            synchronized (this) {
                if (failure != null) {
                    state.lastError = HttpTrackerClient.unwrap(failure).getMessage();
                    tryTracker(order, index + 1, done);
                    return;
                }
                found = answered(tracker, state, request, response);
                if (round == done) {
                    round = null;
                }
            }
            // The round ends after the listener has the peers, so whoever waits for it sees them.
            try {
                if (!found.isEmpty()) {
                    listener.peersFound(found);
                }
            } finally {
                done.complete(null);
            }
        });
    }

    private List<TrackerPeer> answered(URI tracker, TrackerState state, AnnounceRequest request, AnnounceResponse response) {
        Instant now = environment.clock().instant();
        state.started = true;
        state.lastSuccess = now;
        state.lastError = null;
        state.seeders = response.seeders();
        state.leechers = response.leechers();
        state.warning = response.warning().orElse(null);
        state.minInterval = response.minInterval().orElse(null);
        if (response.trackerId().length > 0) {
            state.trackerId = response.trackerId();
        }
        if (request.event() == AnnounceEvent.COMPLETED
                || request.event() == AnnounceEvent.STARTED && request.left() == 0) {
            completionPending = false;
        }
        failedRounds = 0;
        working = tracker;
        tiers.promote(tracker);
        if (!stopped) {
            scheduleRound(completionPending ? Duration.ZERO : clamp(response.interval()));
        }
        String source = "tracker:" + TrackerUrls.withoutQuery(tracker);
        List<TrackerPeer> peers = new ArrayList<>(response.peers().size());
        for (InetSocketAddress address : response.peers()) {
            peers.add(new TrackerPeer(address, source));
        }
        return peers;
    }

    private AnnounceEvent eventFor(TrackerState state) {
        if (!state.started) {
            return AnnounceEvent.STARTED;
        }
        return completionPending ? AnnounceEvent.COMPLETED : AnnounceEvent.NONE;
    }

    private AnnounceRequest request(TrackerState state, AnnounceEvent event, int numWant) {
        TransferTotals now = totals.get();
        return new AnnounceRequest(infoHash, peerId, port, now.uploaded(), now.downloaded(), now.left(), event, numWant, key,
                state.trackerId);
    }

    private void endRound(CompletableFuture<Void> done) {
        if (round == done) {
            round = null;
        }
        done.complete(null);
    }

    private CompletableFuture<Void> sendStopped() {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        synchronized (this) {
            for (URI tracker : tiers.tryOrder()) {
                TrackerState state = states.get(tracker);
                if (!state.started) {
                    continue;
                }
                AnnounceRequest request = request(state, AnnounceEvent.STOPPED, 0);
                state.lastAnnounce = environment.clock().instant();
                sends.add(environment.client().announce(tracker, request).handle((response, failure) -> {
                    synchronized (this) {
                        state.started = false;
                        state.lastError = failure == null ? null : HttpTrackerClient.unwrap(failure).getMessage();
                    }
                    return null;
                }));
            }
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    private Instant earliestExtraAnnounce() {
        TrackerState state = working == null ? null : states.get(working);
        if (state == null || state.lastSuccess == null) {
            return environment.clock().instant();
        }
        Duration floor = environment.settings().minimumInterval();
        Duration wait = state.minInterval != null && state.minInterval.compareTo(floor) > 0 ? state.minInterval : floor;
        return state.lastSuccess.plus(wait);
    }

    private Duration clamp(Duration interval) {
        AnnouncerSettings settings = environment.settings();
        if (interval.compareTo(settings.minimumInterval()) < 0) {
            return settings.minimumInterval();
        }
        return interval.compareTo(settings.maximumInterval()) > 0 ? settings.maximumInterval() : interval;
    }

    private void scheduleRound(Duration delay) {
        cancelNextRound();
        nextRoundAt = environment.clock().instant().plus(delay);
        nextRound = environment.scheduler().schedule(delay, this::scheduledRound);
    }

    private synchronized void scheduledRound() {
        if (!running || round != null) {
            return;
        }
        nextRound = null;
        beginRound();
    }

    private void cancelNextRound() {
        if (nextRound != null) {
            nextRound.cancel();
            nextRound = null;
        }
        nextRoundAt = null;
    }
}
