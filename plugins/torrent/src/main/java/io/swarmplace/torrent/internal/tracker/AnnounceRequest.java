package io.swarmplace.torrent.internal.tracker;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a client tells a tracker in one announce (BEP 3, BEP 15).
 *
 * @param infoHash the swarm
 * @param peerId this client's 20-byte peer id
 * @param port the TCP port peers can reach this client on (1..65535)
 * @param uploaded bytes uploaded since the started event
 * @param downloaded bytes downloaded since the started event
 * @param left bytes still missing
 * @param event what happened, {@link AnnounceEvent#NONE} for a regular announce
 * @param numWant how many peers are wanted; negative lets the tracker choose
 * @param key a random number that stays the same for the whole session, so a tracker can recognise
 *     this client after its IP address changes (BEP 7)
 * @param trackerId the "tracker id" the tracker sent last time, empty if it sent none
 */
public record AnnounceRequest(
        InfoHash infoHash,
        byte[] peerId,
        int port,
        long uploaded,
        long downloaded,
        long left,
        AnnounceEvent event,
        int numWant,
        int key,
        byte[] trackerId) {

    public static final int PEER_ID_LENGTH = 20;

    public AnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(event, "event");
        if (peerId == null || peerId.length != PEER_ID_LENGTH) {
            throw new IllegalArgumentException("a peer id has " + PEER_ID_LENGTH + " bytes, got "
                    + (peerId == null ? "none" : peerId.length));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the listen port must be 1..65535, was " + port);
        }
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("byte counts cannot be negative: uploaded " + uploaded
                    + ", downloaded " + downloaded + ", left " + left);
        }
        peerId = peerId.clone();
        trackerId = trackerId == null ? new byte[0] : trackerId.clone();
    }

    @Override
    public byte[] peerId() {
        return peerId.clone();
    }

    @Override
    public byte[] trackerId() {
        return trackerId.clone();
    }

    /** The same announce with another event and number of peers wanted. */
    public AnnounceRequest withEvent(AnnounceEvent newEvent, int newNumWant) {
        return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, newEvent, newNumWant, key, trackerId);
    }

    /** The same announce carrying the tracker id a tracker handed out. */
    public AnnounceRequest withTrackerId(byte[] id) {
        return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, event, numWant, key, id);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AnnounceRequest that
                && infoHash.equals(that.infoHash) && Arrays.equals(peerId, that.peerId) && port == that.port
                && uploaded == that.uploaded && downloaded == that.downloaded && left == that.left
                && event == that.event && numWant == that.numWant && key == that.key
                && Arrays.equals(trackerId, that.trackerId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(infoHash, Arrays.hashCode(peerId), port, uploaded, downloaded, left, event, numWant, key,
                Arrays.hashCode(trackerId));
    }

    @Override
    public String toString() {
        return "AnnounceRequest[" + infoHash + ", peer " + HexFormat.of().formatHex(peerId) + ", port " + port
                + ", up " + uploaded + ", down " + downloaded + ", left " + left + ", " + event + "]";
    }
}
