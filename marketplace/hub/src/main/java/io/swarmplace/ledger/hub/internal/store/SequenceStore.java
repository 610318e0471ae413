package io.swarmplace.ledger.hub.internal.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last accepted request sequence of every client key, persisted before the request runs so a restart
 * never accepts a replay. The file is the hub's own ({@code sequences.log}), never the ledger's schema.
 */
public final class SequenceStore implements AutoCloseable {

    private static final int KEY_BYTES = 32;
    private static final int RECORD_BYTES = KEY_BYTES + Long.BYTES;

    private final Map<KeyBytes, Long> lastSequence = new ConcurrentHashMap<>();
    private final AppendLog log;

    private SequenceStore(Path file) {
        this.log = AppendLog.open(file, RECORD_BYTES, record -> {
            byte[] key = new byte[KEY_BYTES];
            record.get(key);
            lastSequence.merge(new KeyBytes(key), record.getLong(), Math::max);
        });
        log.rewrite(records());
    }

    public static SequenceStore open(Path file) {
        return new SequenceStore(file);
    }

    /**
     * Accepts {@code sequence} for the key if it is above the last one, and writes it to the log. The
     * request may run once {@link Accepted#awaitDurable()} returned.
     *
     * @return empty, with the last accepted sequence, if {@code sequence} is not above it
     */
    public Accepted accept(byte[] publicKey, long sequence) {
        KeyBytes key = new KeyBytes(publicKey);
        synchronized (this) {
            long last = lastSequence.getOrDefault(key, 0L);
            if (sequence <= last) {
                return new Accepted(this, last, -1);
            }
            long position = log.write(record(key, sequence));
            lastSequence.put(key, sequence);
            return new Accepted(this, last, position);
        }
    }

    /** The outcome of {@link #accept}; {@code position} is -1 if refused. */
    public record Accepted(SequenceStore store, long lastBefore, long position) {

        public boolean accepted() {
            return position >= 0;
        }

        /** Waits until the sequence is on disk, sharing the force with every request written meanwhile. */
        public void awaitDurable() {
            store.log.sync(position);
        }
    }

    public long last(byte[] publicKey) {
        return lastSequence.getOrDefault(new KeyBytes(publicKey), 0L);
    }

    private List<ByteBuffer> records() {
        List<ByteBuffer> records = new ArrayList<>();
        lastSequence.forEach((key, sequence) -> records.add(record(key, sequence)));
        return records;
    }

    private static ByteBuffer record(KeyBytes key, long sequence) {
        return ByteBuffer.allocate(RECORD_BYTES).put(key.bytes()).putLong(sequence).flip();
    }

    @Override
    public void close() {
        log.close();
    }
}
