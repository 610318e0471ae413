package io.swarmplace.torrent.internal.storage;

/** Hears how far a recheck is. Called on disk threads; must be quick and must not block. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (checked, total, verified) -> {};

    /**
     * @param checked pieces hashed (or found missing) so far
     * @param total pieces this recheck looks at
     * @param verified of the checked pieces, how many matched their hash
     */
    void onProgress(int checked, int total, int verified);
}
