package dev.stackagent.notify;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Everything logged under {@code dev.stackagent} and the JDK HTTP client's request logger, at every level, while open. */
final class CapturedNotificationLogs extends Handler implements AutoCloseable {
    private static final String[] CATEGORIES = {"dev.stackagent", "jdk.httpclient.HttpClient", "java.net.http"};
    private final StringBuilder text = new StringBuilder();

    CapturedNotificationLogs() {
        setLevel(Level.ALL);
        for (String name : CATEGORIES) {
            Logger.getLogger(name).setLevel(Level.ALL);
            Logger.getLogger(name).addHandler(this);
        }
    }

    @Override
    public synchronized void publish(LogRecord r) {
        String message = r.getMessage();
        if (r.getParameters() != null && message != null) {
            try {
                message = message.contains("%") ? String.format(message, r.getParameters())
                        : java.text.MessageFormat.format(message, r.getParameters());
            } catch (RuntimeException e) {
                message = message + " " + java.util.Arrays.toString(r.getParameters());
            }
        }
        text.append(r.getLevel()).append(' ').append(r.getLoggerName()).append(' ').append(message).append('\n');
        if (r.getThrown() != null) {
            StringWriter w = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(w));
            text.append(w);
        }
    }

    synchronized String text() {
        return text.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        for (String name : CATEGORIES) {
            Logger.getLogger(name).removeHandler(this);
            Logger.getLogger(name).setLevel(null);
        }
    }
}
