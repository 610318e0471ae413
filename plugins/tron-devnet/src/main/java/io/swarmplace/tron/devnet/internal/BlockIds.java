package io.swarmplace.tron.devnet.internal;

import java.nio.ByteBuffer;

import com.google.protobuf.ByteString;
import org.tron.trident.proto.Chain;

/**
 * TRON block ids and TaPoS (transactions as proof of stake) references: the id is SHA-256 of the raw
 * header with the block number written over its first 8 bytes; a transaction names its reference
 * block by bytes 6..8 of that number and bytes 8..16 of the id.
 */
final class BlockIds {

    private BlockIds() {
    }

    static ByteString idOf(Chain.BlockHeader header) {
        byte[] hash = Hashes.sha256(header.getRawData().toByteArray());
        ByteBuffer.wrap(hash).putLong(0, header.getRawData().getNumber());
        return ByteString.copyFrom(hash);
    }

    static ByteString refBlockBytes(long number) {
        return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(number).array(), 6, 2);
    }

    static ByteString refBlockHash(ByteString blockId) {
        return blockId.substring(8, 16);
    }
}
