package io.swarmplace.torrent.internal.picker;

/**
 * Picker settings.
 *
 * @param randomFirstPieces until we have verified this many pieces, new pieces are chosen at random
 *     rather than rarest first: a rare piece is slow to get, and we first need something to trade
 * @param endGameRequestsPerBlock in end-game, at most this many peers are asked for the same block
 *     (the first request plus {@code endGameRequestsPerBlock - 1} duplicates)
 */
public record PickerConfig(int randomFirstPieces, int endGameRequestsPerBlock) {

    public static final PickerConfig DEFAULTS = new PickerConfig(4, 2);

    public PickerConfig {
        if (randomFirstPieces < 0) {
            throw new IllegalArgumentException("random-first piece count cannot be negative: " + randomFirstPieces);
        }
        if (endGameRequestsPerBlock < 1) {
            throw new IllegalArgumentException("end-game needs at least one request per block, got " + endGameRequestsPerBlock);
        }
    }
}
