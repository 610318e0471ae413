package io.swarmplace.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Reads a child process's output to the end on its own daemon thread, so the child never blocks on a full
 * pipe. Lines (split on \n or \r, since progress bars redraw with \r) go to the debug log and into a short
 * tail that error messages quote.
 */
final class OutputDrain {

    private static final int TAIL_LINES = 80;
    private static final int MAX_LINE = 4096;

    private final String name;
    private final System.Logger logger;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Consumer<String> listener;
    private final Thread thread;

    OutputDrain(String name, InputStream stream, Consumer<String> listener) {
        this.name = name;
        this.logger = System.getLogger(OutputDrain.class.getPackageName() + "." + name.replaceAll("[^A-Za-z0-9_.-]", "_"));
        this.listener = listener;
        this.thread = new Thread(() -> drain(stream), "drain-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void drain(InputStream stream) {
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            char[] buffer = new char[8192];
            for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    if (c == '\n' || c == '\r') {
                        emit(line);
                    } else if (line.length() < MAX_LINE) {
                        line.append(c);
                    }
                }
            }
            emit(line);
        } catch (IOException closed) {
            // The process ended or was killed: nothing more to read.
        }
    }

    private void emit(StringBuilder line) {
        if (line.length() == 0) {
            return;
        }
        String text = line.toString();
        line.setLength(0);
        logger.log(Level.DEBUG, () -> "[" + name + "] " + text);
        synchronized (tail) {
            tail.addLast(text);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
        listener.accept(text);
    }

    /** The last lines read, oldest first. */
    String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /** Waits (bounded) until everything the process wrote has been read. */
    void awaitEnd(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
