package io.swarmplace.torrent.internal.engine;

import io.swarmplace.torrent.PeerSource;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Addresses we could dial, with where we learned them and when we may try again. A peer that failed
 * is retried later with exponential backoff and forgotten after a few failures; the list is bounded.
 */
final class PeerCandidates {

    static final int MAX_CANDIDATES = 2_000;
    private static final int MAX_FAILURES = 5;
    private static final long FIRST_RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Map<InetSocketAddress, Candidate> candidates = new LinkedHashMap<>();

    /** Adds or refreshes an address; returns false when the list is full. */
    boolean offer(InetSocketAddress address, PeerSource source) {
        Candidate existing = candidates.get(address);
        if (existing != null) {
            return true;
        }
        if (candidates.size() >= MAX_CANDIDATES) {
            return false;
        }
        candidates.put(address, new Candidate(address, source));
        return true;
    }

    /** Up to {@code count} addresses that may be dialled now, in the order they were learned. */
    List<Candidate> due(long nowNanos, int count, java.util.function.Predicate<InetSocketAddress> skip) {
        List<Candidate> due = new ArrayList<>();
        for (Candidate candidate : candidates.values()) {
            if (due.size() >= count) {
                break;
            }
            if (!candidate.dialling && candidate.notBeforeNanos - nowNanos <= 0 && !skip.test(candidate.address)) {
                due.add(candidate);
            }
        }
        return due;
    }

    void dialling(InetSocketAddress address) {
        Candidate candidate = candidates.get(address);
        if (candidate != null) {
            candidate.dialling = true;
        }
    }

    /** The dial failed or the connection ended: back off before the next attempt. */
    void failed(InetSocketAddress address, long nowNanos) {
        Candidate candidate = candidates.get(address);
        if (candidate == null) {
            return;
        }
        candidate.dialling = false;
        candidate.failures++;
        if (candidate.failures >= MAX_FAILURES) {
            candidates.remove(address);
        } else {
            candidate.notBeforeNanos = nowNanos + (FIRST_RETRY_NANOS << (candidate.failures - 1));
        }
    }

    /** Connected: no need to dial it while connected; retried soon if the connection ends. */
    void connected(InetSocketAddress address, long nowNanos) {
        Candidate candidate = candidates.get(address);
        if (candidate != null) {
            candidate.dialling = false;
            candidate.failures = 0;
            candidate.notBeforeNanos = nowNanos + FIRST_RETRY_NANOS;
        }
    }

    void forget(InetSocketAddress address) {
        candidates.remove(address);
    }

    void forgetHost(java.net.InetAddress host) {
        Iterator<InetSocketAddress> it = candidates.keySet().iterator();
        while (it.hasNext()) {
            if (it.next().getAddress().equals(host)) {
                it.remove();
            }
        }
    }

    PeerSource sourceOf(InetSocketAddress address, PeerSource fallback) {
        Candidate candidate = candidates.get(address);
        return candidate == null ? fallback : candidate.source;
    }

    int size() {
        return candidates.size();
    }

    /** One known address. */
    static final class Candidate {
        final InetSocketAddress address;
        final PeerSource source;
        int failures;
        long notBeforeNanos;
        boolean dialling;

        Candidate(InetSocketAddress address, PeerSource source) {
            this.address = address;
            this.source = source;
        }
    }
}
