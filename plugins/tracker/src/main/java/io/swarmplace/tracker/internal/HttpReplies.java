package io.swarmplace.tracker.internal;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The bencoded bodies of HTTP tracker replies (BEP 3, 7, 23, 48). */
final class HttpReplies {

    private HttpReplies() {}

    static byte[] failure(String reason) {
        return BDictionary.builder().put("failure reason", reason).build().encode();
    }

    /**
     * @param compact IPv4 peers as one string of 6-byte entries in "peers" and IPv6 peers as 18-byte entries
     *     in "peers6"; otherwise a list of dictionaries in "peers"
     * @param withPeerId whether the dictionary model carries "peer id" (not with no_peer_id=1)
     */
    static byte[] announce(AnnounceReply reply, boolean compact, boolean withPeerId) {
        BDictionary.Builder body = BDictionary.builder()
                .put("interval", reply.interval())
                .put("min interval", reply.minInterval())
                .put("complete", reply.seeders())
                .put("incomplete", reply.leechers());
        if (compact) {
            body.put("peers", compactPeers(reply.peers(), true));
            byte[] peers6 = compactPeers(reply.peers(), false);
            if (peers6.length > 0) {
                body.put("peers6", peers6);
            }
        } else {
            body.put("peers", dictionaryPeers(reply.peers(), withPeerId));
        }
        return body.build().encode();
    }

    /** BEP 48: "files" maps each raw info-hash to complete, downloaded and incomplete. */
    static byte[] scrape(Map<InfoHashKey, ScrapeEntry> entries, int minRequestInterval) {
        BDictionary.Builder files = BDictionary.builder();
        entries.forEach((infoHash, entry) -> files.put(BString.of(infoHash.bytes()), BDictionary.builder()
                .put("complete", entry.seeders())
                .put("downloaded", entry.completed())
                .put("incomplete", entry.leechers())
                .build()));
        return BDictionary.builder()
                .put("files", files.build())
                .put("flags", BDictionary.builder().put("min_request_interval", minRequestInterval).build())
                .build()
                .encode();
    }

    private static byte[] compactPeers(List<PeerView> peers, boolean ipv4) {
        int entrySize = ipv4 ? 6 : 18;
        int count = 0;
        for (PeerView peer : peers) {
            if (peer.address().isIpv4() == ipv4) {
                count++;
            }
        }
        byte[] out = new byte[count * entrySize];
        int offset = 0;
        for (PeerView peer : peers) {
            if (peer.address().isIpv4() == ipv4) {
                peer.address().writeCompact(out, offset);
                offset += entrySize;
            }
        }
        return out;
    }

    private static BList dictionaryPeers(List<PeerView> peers, boolean withPeerId) {
        List<BValue> list = new ArrayList<>(peers.size());
        for (PeerView peer : peers) {
            BDictionary.Builder entry = BDictionary.builder()
                    .put("ip", peer.address().host())
                    .put("port", BInteger.of(peer.address().port()));
            if (withPeerId) {
                entry.put("peer id", peer.peerId());
            }
            list.add(entry.build());
        }
        return new BList(list);
    }
}
