package io.swarmplace.node.internal;

import java.io.IOException;
import java.nio.file.Path;
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
    private final LogLevel threshold;
    private final RotatingLogFile file;

    @Activate
    public LogFileWriter(Config config, BundleContext context, @Reference LogReaderService reader)
            throws IOException {
        this.reader = reader;
        this.threshold = parseLevel(config.level());
        String data = context.getProperty("swarmplace.data");
        this.file = new RotatingLogFile(
                Path.of(data == null ? "." : data, "log", "swarmplace.log"),
                Math.max(1, config.maxFileMiB()) * 1024L * 1024L,
                Math.max(1, config.keepFiles()));
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() throws IOException {
        reader.removeLogListener(this);
        file.close();
    }

    @Override
    public void logged(LogEntry entry) {
        if (!threshold.implies(effectiveLevel(entry))) {
            return;
        }
        try {
            file.append(format(entry));
        } catch (IOException e) {
            // Nowhere else to report a broken log file: the console is all that is left.
            System.err.println("swarmplace: cannot write the log file: " + e.getMessage());
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

    static LogLevel parseLevel(String level) {
        try {
            return LogLevel.valueOf(level.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "log level '" + level + "' is not one of ERROR, WARN, INFO, DEBUG, TRACE (PID " + PID + ")");
        }
    }
}
