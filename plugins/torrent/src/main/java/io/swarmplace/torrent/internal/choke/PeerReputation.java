package io.swarmplace.torrent.internal.choke;

import java.net.InetAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns hash results into bans (libtorrent's trust points).
 *
 * <p>Every peer address starts at trust 0. A verified piece gives each address that sent a block of
 * it {@code +gainPerVerifiedPiece} (capped at {@code maxTrust}). A failed piece sent entirely by one
 * address proves that address sent bad data: it is banned at once. A failed piece with several
 * contributors cannot say who lied, so each loses {@code lossPerSharedFailure} and is banned when its
 * trust falls to {@code banAtOrBelow}: an honest peer that keeps sharing pieces with a poisoner
 * recovers through the pieces it completes alone or with others.
 *
 * <p>Keyed by IP address, because that is what a ban blocks and a reconnecting peer must not start
 * afresh. The engine maps the picker's contributor keys to addresses (two connections from one
 * address are one contributor). The trust table is bounded (least recently touched forgotten first).
 * Not thread-safe: call it from the torrent's event loop; the {@link BanList} it writes is shared.
 */
public final class PeerReputation {

    private final ReputationConfig config;
    private final BanList bans;
    private final Map<InetAddress, Integer> trust;

    public PeerReputation(BanList bans) {
        this(ReputationConfig.DEFAULTS, bans);
    }

    public PeerReputation(ReputationConfig config, BanList bans) {
        this.config = config;
        this.bans = bans;
        this.trust = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Integer> eldest) {
                return size() > config.maxTrackedAddresses();
            }
        };
    }

    /** Every address in {@code contributors} sent part of a piece that verified. */
    public void pieceVerified(Collection<InetAddress> contributors) {
        for (InetAddress address : new LinkedHashSet<>(contributors)) {
            int now = Math.min(config.maxTrust(), trust(address) + config.gainPerVerifiedPiece());
            trust.put(address, now);
        }
    }

    /**
     * Every address in {@code contributors} sent part of a piece that failed its hash check.
     *
     * @return the addresses banned because of this failure (already banned ones are not repeated)
     */
    public Set<InetAddress> pieceFailed(int piece, Collection<InetAddress> contributors) {
        Set<InetAddress> distinct = new LinkedHashSet<>(contributors);
        Set<InetAddress> newlyBanned = new LinkedHashSet<>();
        if (distinct.size() == 1) {
            InetAddress sole = distinct.iterator().next();
            trust.put(sole, Math.min(trust(sole), config.banAtOrBelow()));
            if (bans.ban(sole, "sent every block of piece " + piece + ", which failed its hash check")) {
                newlyBanned.add(sole);
            }
            return newlyBanned;
        }
        for (InetAddress address : distinct) {
            int now = trust(address) - config.lossPerSharedFailure();
            trust.put(address, now);
            if (now <= config.banAtOrBelow()
                    && bans.ban(address, "trust " + now + " after contributing to piece " + piece
                            + " and other pieces that failed their hash check")) {
                newlyBanned.add(address);
            }
        }
        return newlyBanned;
    }

    /** Current trust of {@code address} (0 when unknown). */
    public int trust(InetAddress address) {
        Integer value = trust.get(address);
        return value == null ? 0 : value;
    }
}
