package io.swarmplace.tron.devnet.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import com.google.protobuf.ByteString;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Response;

/**
 * The whole chain state in one file, rewritten after every change: written to a temporary file,
 * forced to disk and renamed over the old one, so a crash leaves either the old or the new state.
 */
final class StateSnapshot {

    /** 2 added the free bandwidth each account has used; format 1 files are still read (no use recorded). */
    private static final int FORMAT = 2;
    private static final int FORMAT_WITHOUT_BANDWIDTH = 1;
    private static final String MAGIC = "swarmplace-tron-devnet";

    private final Path file;

    StateSnapshot(Path dataDirectory) {
        this.file = dataDirectory.resolve("chain.snapshot");
    }

    Path file() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** The caller holds the state's lock, so the snapshot is consistent. */
    void write(ChainState state) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(temp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            writeLongs(out, state.trxSun);
            writeLongs(out, state.bttTrc10);
            out.writeInt(state.bttTrc20.size());
            for (Map.Entry<ByteString, BigInteger> e : state.bttTrc20.entrySet()) {
                writeBytes(out, e.getKey().toByteArray());
                writeBytes(out, e.getValue().toByteArray());
            }
            out.writeInt(state.blocks.size());
            for (Chain.Block block : state.blocks) {
                writeBytes(out, block.toByteArray());
            }
            out.writeInt(state.infos.size());
            for (Response.TransactionInfo info : state.infos.values()) {
                writeBytes(out, info.toByteArray());
            }
            out.writeInt(state.pending.size());
            for (ChainState.PendingTransaction p : state.pending.values()) {
                writeBytes(out, p.transaction().toByteArray());
                writeBytes(out, p.info().toByteArray());
            }
            out.writeInt(state.freeBandwidth.size());
            for (Map.Entry<ByteString, ChainState.FreeBandwidthUse> e : state.freeBandwidth.entrySet()) {
                writeBytes(out, e.getKey().toByteArray());
                out.writeLong(e.getValue().bytes());
                out.writeLong(e.getValue().atMillis());
            }
            out.flush();
        }
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void readInto(ChainState state) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            int format = MAGIC.equals(in.readUTF()) ? in.readInt() : -1;
            if (format != FORMAT && format != FORMAT_WITHOUT_BANDWIDTH) {
                throw new IOException(file + " is not a devnet snapshot of format " + FORMAT_WITHOUT_BANDWIDTH + " or "
                        + FORMAT + "; move it away to start a fresh chain");
            }
            readLongs(in, state.trxSun);
            readLongs(in, state.bttTrc10);
            for (int i = in.readInt(); i > 0; i--) {
                state.bttTrc20.put(ByteString.copyFrom(readBytes(in)), new BigInteger(readBytes(in)));
            }
            for (int i = in.readInt(); i > 0; i--) {
                Chain.Block block = Chain.Block.parseFrom(readBytes(in));
                state.blocks.add(block);
                for (Chain.Transaction tx : block.getTransactionsList()) {
                    state.includedTransactions.put(TransactionPool.txidOf(tx), tx);
                }
            }
            for (int i = in.readInt(); i > 0; i--) {
                Response.TransactionInfo info = Response.TransactionInfo.parseFrom(readBytes(in));
                state.infos.put(info.getId(), info);
            }
            for (int i = in.readInt(); i > 0; i--) {
                Chain.Transaction tx = Chain.Transaction.parseFrom(readBytes(in));
                state.addPending(TransactionPool.txidOf(tx), tx, Response.TransactionInfo.parseFrom(readBytes(in)));
            }
            if (format == FORMAT) {
                for (int i = in.readInt(); i > 0; i--) {
                    state.freeBandwidth.put(ByteString.copyFrom(readBytes(in)),
                            new ChainState.FreeBandwidthUse(in.readLong(), in.readLong()));
                }
            }
        }
    }

    private static void writeLongs(DataOutputStream out, Map<ByteString, Long> balances) throws IOException {
        out.writeInt(balances.size());
        for (Map.Entry<ByteString, Long> e : balances.entrySet()) {
            writeBytes(out, e.getKey().toByteArray());
            out.writeLong(e.getValue());
        }
    }

    private static void readLongs(DataInputStream in, Map<ByteString, Long> balances) throws IOException {
        for (int i = in.readInt(); i > 0; i--) {
            balances.put(ByteString.copyFrom(readBytes(in)), in.readLong());
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 64 * 1024 * 1024) {
            throw new IOException("corrupt snapshot: a record claims " + length + " bytes");
        }
        return in.readNBytes(length);
    }
}
