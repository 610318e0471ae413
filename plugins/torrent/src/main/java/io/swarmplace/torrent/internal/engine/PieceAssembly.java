package io.swarmplace.torrent.internal.engine;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * The blocks of one piece being downloaded, collected in memory until the piece is whole, so that only
 * verified data ever reaches the disk.
 */
final class PieceAssembly {

    static final int BLOCK_SIZE = 16 * 1024;

    private final int piece;
    private final byte[] data;
    private final BitSet received;
    private final int blockCount;

    /** @param data exactly the piece's size; its content does not matter, every block overwrites its part */
    PieceAssembly(int piece, byte[] data) {
        this.piece = piece;
        this.data = data;
        this.blockCount = (data.length + BLOCK_SIZE - 1) / BLOCK_SIZE;
        this.received = new BitSet(blockCount);
    }

    int piece() {
        return piece;
    }

    /**
     * Copies a block in. Returns false (and copies nothing) for a block that does not fit this piece's
     * block grid or that was already received.
     */
    boolean add(int begin, ByteBuf block) {
        int length = block.readableBytes();
        if (begin < 0 || begin % BLOCK_SIZE != 0 || begin + length > data.length) {
            return false;
        }
        int blockIndex = begin / BLOCK_SIZE;
        int expected = Math.min(BLOCK_SIZE, data.length - begin);
        if (length != expected || received.get(blockIndex)) {
            return false;
        }
        block.getBytes(block.readerIndex(), data, begin, length);
        received.set(blockIndex);
        return true;
    }

    boolean complete() {
        return received.cardinality() == blockCount;
    }

    ByteBuffer bytes() {
        return ByteBuffer.wrap(data);
    }

    /** The array the piece was assembled in, to reuse once nothing reads it any more. */
    byte[] array() {
        return data;
    }
}
