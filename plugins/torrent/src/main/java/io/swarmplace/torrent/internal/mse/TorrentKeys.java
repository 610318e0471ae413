package io.swarmplace.torrent.internal.mse;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Finds the torrent an incoming MSE peer asks for: it sends HASH('req2', SKEY), so each active torrent's
 * hash is compared. The hashes are computed once per torrent and kept while the torrent is active.
 * Safe to share between event loops.
 */
public final class TorrentKeys {

    private final Supplier<? extends Collection<InfoHash>> activeTorrents;
    private final Map<InfoHash, byte[]> req2Hashes = new ConcurrentHashMap<>();

    /** @param activeTorrents the torrents incoming peers may ask for; must answer from memory */
    public TorrentKeys(Supplier<? extends Collection<InfoHash>> activeTorrents) {
        this.activeTorrents = activeTorrents;
    }

    Optional<InfoHash> findByReq2(byte[] req2Hash) {
        Collection<InfoHash> active = activeTorrents.get();
        if (req2Hashes.size() > active.size()) {
            req2Hashes.keySet().retainAll(active);
        }
        for (InfoHash infoHash : active) {
            if (Arrays.equals(req2Hashes.computeIfAbsent(infoHash, MseHashes::req2), req2Hash)) {
                return Optional.of(infoHash);
            }
        }
        return Optional.empty();
    }
}
