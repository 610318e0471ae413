package io.swarmplace.node.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Writes the OSGi log to {@code <data>/log/swarmplace.log}, rotating by size so a long-running node
 * never fills the disk. The log service delivers entries on its own thread, so file I/O here never
 * blocks the bundle that logged.
 */
@Component(immediate = true, configurationPid = LogFileWriter.PID, service = {})
@Designate(ocd = LogFileWriter.Config.class)
public class LogFileWriter implements LogListener {

    static final String PID = "io.swarmplace.node.log";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @ObjectClassDefinition(name = "Swarmplace log file")
    public @interface Config {
        @AttributeDefinition(description = "Lowest level written: ERROR, WARN, INFO, DEBUG or TRACE")
        String level() default "INFO";

        @AttributeDefinition(description = "Size in MiB at which the file is rotated")
        int maxFileMiB() default 10;

        @AttributeDefinition(description = "Rotated files kept (swarmplace.log.1 ...)")
        int keepFiles() default 5;
    }

    private final LogReaderService reader;
    private final Path file;
    private final LogLevel threshold;
    private final long maxBytes;
    private final int keepFiles;
    private Writer writer;

    @Activate
    public LogFileWriter(Config config, BundleContext context, @Reference LogReaderService reader)
            throws IOException {
        this.reader = reader;
        String data = context.getProperty("swarmplace.data");
        this.file = Path.of(data == null ? "." : data, "log", "swarmplace.log");
        this.threshold = parseLevel(config.level());
        this.maxBytes = Math.max(1, config.maxFileMiB()) * 1024L * 1024L;
        this.keepFiles = Math.max(1, config.keepFiles());
        Files.createDirectories(file.getParent());
        this.writer = open();
        reader.addLogListener(this);
    }

    @Deactivate
    synchronized void deactivate() throws IOException {
        reader.removeLogListener(this);
        writer.close();
    }

    @Override
    public synchronized void logged(LogEntry entry) {
        if (!threshold.implies(effectiveLevel(entry))) {
            return;
        }
        try {
            writer.write(format(entry));
            writer.flush();
            if (Files.size(file) >= maxBytes) {
                rotate();
            }
        } catch (IOException e) {
            // Nowhere else to report a broken log file: tell the console once per failure.
            System.err.println("swarmplace: cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * The framework logs every bundle and service event at INFO; at that level they drown what
     * components say, so they count as DEBUG unless they report an error.
     */
    static LogLevel effectiveLevel(LogEntry entry) {
        boolean frameworkEvent = entry.getLoggerName() != null && entry.getLoggerName().startsWith("Events.");
        return frameworkEvent && entry.getLogLevel() == LogLevel.INFO ? LogLevel.DEBUG : entry.getLogLevel();
    }

    static String format(LogEntry entry) {
        StringBuilder line = new StringBuilder()
                .append(TIME.format(Instant.ofEpochMilli(entry.getTime())))
                .append(' ').append(String.format("%-5s", entry.getLogLevel()))
                .append(" [").append(entry.getBundle() == null ? "?" : entry.getBundle().getSymbolicName()).append("] ")
                .append(entry.getMessage());
        if (entry.getException() != null) {
            java.io.StringWriter trace = new java.io.StringWriter();
            entry.getException().printStackTrace(new java.io.PrintWriter(trace));
            line.append('\n').append(trace.toString().stripTrailing());
        }
        return line.append('\n').toString();
    }

    private void rotate() throws IOException {
        writer.close();
        for (int i = keepFiles - 1; i >= 1; i--) {
            Path older = file.resolveSibling(file.getFileName() + "." + i);
            if (Files.exists(older)) {
                Files.move(older, file.resolveSibling(file.getFileName() + "." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        writer = open();
    }

    private Writer open() throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static LogLevel parseLevel(String level) {
        try {
            return LogLevel.valueOf(level.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "log level '" + level + "' is not one of ERROR, WARN, INFO, DEBUG, TRACE (PID " + PID + ")");
        }
    }
}
