package io.swarmplace.torrent.internal.create;

/**
 * Told after each piece is hashed. Called from the hashing threads, possibly from several at once, so
 * two calls may arrive out of order; {@code done} reaches {@code total} exactly once. Must be quick and
 * thread-safe; an exception thrown here fails the creation.
 */
@FunctionalInterface
public interface CreationProgress {

    void piecesHashed(int done, int total);

    static CreationProgress none() {
        return (done, total) -> {};
    }
}
