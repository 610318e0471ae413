package io.swarmplace.torrent.internal.picker;

import java.util.List;

/**
 * What a received block meant.
 *
 * @param kind whether the data is to be written
 * @param pieceComplete every block of the piece is now in: hash it, then call
 *     {@link PiecePicker#pieceVerified} or {@link PiecePicker#pieceFailed}
 * @param cancels duplicate requests for this block held by other peers (end-game): send each a CANCEL
 */
public record BlockOutcome<P>(Kind kind, boolean pieceComplete, List<Cancel<P>> cancels) {

    public enum Kind {
        /** A block we still needed: write it. */
        ACCEPTED,
        /** We already have this block (an end-game duplicate that crossed our CANCEL): drop it. */
        DUPLICATE,
        /** A valid block of a piece we are not downloading: drop it and count it. */
        UNEXPECTED,
        /** Index, offset or length do not fit this torrent: a protocol violation. */
        INVALID
    }

    public BlockOutcome {
        cancels = List.copyOf(cancels);
    }

    static <P> BlockOutcome<P> of(Kind kind) {
        return new BlockOutcome<>(kind, false, List.of());
    }
}
