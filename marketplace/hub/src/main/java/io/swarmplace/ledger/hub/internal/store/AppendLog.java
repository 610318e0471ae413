package io.swarmplace.ledger.hub.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A file of fixed-size records: {@link #append} returns once its record is on disk; {@link #write} returns
 * at once and {@link #sync} waits for the disk. A torn last
 * record (a crash mid-write) is dropped on open: its request was never answered, so nothing relied on it.
 */
final class AppendLog implements AutoCloseable {

    private final Path file;
    private final int recordBytes;
    private final Object durability = new Object();
    private final AtomicBoolean forceQueued = new AtomicBoolean();
    private final ExecutorService forcer;
    private FileChannel channel;
    private long durable;
    private Exception failure;

    private AppendLog(Path file, int recordBytes) {
        this.file = file;
        this.recordBytes = recordBytes;
        this.forcer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ledger-hub-" + file.getFileName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the log, handing every whole record to {@code reader} first. */
    static AppendLog open(Path file, int recordBytes, Consumer<ByteBuffer> reader) {
        AppendLog log = new AppendLog(file, recordBytes);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                byte[] content = Files.readAllBytes(file);
                int whole = content.length - content.length % recordBytes;
                for (int at = 0; at < whole; at += recordBytes) {
                    reader.accept(ByteBuffer.wrap(content, at, recordBytes).slice());
                }
            }
            log.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the hub's " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends and forces the record to disk before returning. */
    void append(ByteBuffer record) {
        sync(write(record));
    }

    /**
     * Writes the record and starts forcing it to disk on the log's own thread.
     *
     * @return the position {@link #sync} must reach for the record to be durable
     */
    synchronized long write(ByteBuffer record) {
        if (record.remaining() != recordBytes) {
            throw new IllegalArgumentException("a record of " + file.getFileName() + " has " + recordBytes + " bytes");
        }
        try {
            while (record.hasRemaining()) {
                channel.write(record);
            }
            if (forceQueued.compareAndSet(false, true)) {
                forcer.execute(this::force);
            }
            return channel.position();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the hub's " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * One force for everything written so far. Records written while it runs queue the next one, so
     * pipelined requests share forces (group commit), and a request's force overlaps its ledger call.
     */
    private void force() {
        forceQueued.set(false);
        try {
            long written;
            synchronized (this) {
                written = channel.position();
            }
            channel.force(false);
            synchronized (durability) {
                durable = Math.max(durable, written);
                durability.notifyAll();
            }
        } catch (IOException | RuntimeException e) {
            synchronized (durability) {
                failure = e;
                durability.notifyAll();
            }
        }
    }

    /** Returns once everything up to {@code position} is on disk. */
    void sync(long position) {
        synchronized (durability) {
            while (durable < position) {
                if (failure != null) {
                    throw new UncheckedIOException("could not write the hub's " + file + ": " + failure.getMessage(),
                            failure instanceof IOException ? (IOException) failure : new IOException(failure));
                }
                try {
                    durability.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the hub's " + file, e);
                }
            }
        }
    }

    /** Replaces the file by {@code records} (the live state), atomically, so it stops growing. */
    synchronized void rewrite(List<ByteBuffer> records) {
        Path fresh = file.resolveSibling(file.getFileName() + ".new");
        try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (ByteBuffer record : new ArrayList<>(records)) {
                while (record.hasRemaining()) {
                    out.write(record);
                }
            }
            out.force(true);
            channel.close();
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            synchronized (durability) {
                durable = channel.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not compact the hub's " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        forcer.shutdown();
        try {
            forcer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the hub's " + file + ": " + e.getMessage(), e);
        }
    }
}
