package io.swarmplace.torrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with Netty's leak detector at PARANOID (every buffer tracked) and fails it if
 * Netty reported a leak. Netty logs leaks (through java.util.logging here) when a buffer that was never
 * released is collected, so at the end the heap is collected and new buffers are allocated to make
 * the detector look; the number of rounds is bounded.
 */
public final class LeakWatch implements BeforeAllCallback, AfterAllCallback {

    private static final Logger NETTY_LEAK_LOGGER = Logger.getLogger(ResourceLeakDetector.class.getName());

    private final List<String> leaks = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message != null && message.contains("LEAK")) {
                leaks.add(message);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private ResourceLeakDetector.Level previous;

    @Override
    public void beforeAll(ExtensionContext context) {
        previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        NETTY_LEAK_LOGGER.addHandler(recorder);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        try {
            for (int round = 0; round < 5 && leaks.isEmpty(); round++) {
                System.gc();
                Thread.sleep(20);
                // the detector checks its reference queue when it tracks a new buffer
                for (int i = 0; i < 50; i++) {
                    ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.directBuffer(8);
                    unpooled.release();
                    ByteBuf pooled = PooledByteBufAllocator.DEFAULT.heapBuffer(8);
                    pooled.release();
                }
            }
            assertThat(leaks).as("Netty leak reports").isEmpty();
        } finally {
            NETTY_LEAK_LOGGER.removeHandler(recorder);
            ResourceLeakDetector.setLevel(previous);
        }
    }
}
