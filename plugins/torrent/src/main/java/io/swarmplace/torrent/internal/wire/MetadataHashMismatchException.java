package io.swarmplace.torrent.internal.wire;

import io.swarmplace.torrent.metainfo.InfoHash;

/** Metadata assembled from a peer's pieces does not hash to the info-hash it was fetched for. */
public final class MetadataHashMismatchException extends PeerProtocolException {

    private static final long serialVersionUID = 1L;

    public MetadataHashMismatchException(InfoHash expected, InfoHash actual, int size) {
        super("metadata of " + size + " bytes hashes to " + actual + ", not to the info-hash " + expected);
    }
}
