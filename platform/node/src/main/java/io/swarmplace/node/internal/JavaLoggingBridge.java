package io.swarmplace.node.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Sends java.util.logging (which Netty and the engine's libraries-free internals use) to the OSGi log,
 * and so to the node's log file, instead of the JVM's console handler: console output of a background
 * node goes nowhere, and in a shell session it would mix with the command's answer.
 */
@Component(immediate = true, service = {})
public class JavaLoggingBridge extends Handler {

    private final LoggerFactory loggers;
    private final java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
    private final List<Handler> consoleHandlers = new ArrayList<>();

    @Activate
    public JavaLoggingBridge(@Reference LoggerFactory loggers) {
        this.loggers = loggers;
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                consoleHandlers.add(handler);
                root.removeHandler(handler);
            }
        }
        root.addHandler(this);
    }

    @Deactivate
    void deactivate() {
        root.removeHandler(this);
        consoleHandlers.forEach(root::addHandler);
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        Logger logger = loggers.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
        String message = record.getMessage();
        if (record.getParameters() != null && record.getParameters().length > 0 && message != null) {
            message = java.text.MessageFormat.format(message, record.getParameters());
        }
        Throwable thrown = record.getThrown();
        int level = record.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) {
            logger.error(message, thrown);
        } else if (level >= Level.WARNING.intValue()) {
            logger.warn(message, thrown);
        } else if (level >= Level.INFO.intValue()) {
            logger.info(message, thrown);
        } else if (level >= Level.FINE.intValue()) {
            logger.debug(message, thrown);
        } else {
            logger.trace(message, thrown);
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
