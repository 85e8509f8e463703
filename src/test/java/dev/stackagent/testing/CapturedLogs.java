package dev.stackagent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the agent logs at any level while open (as with {@code quarkus.log.level=ALL}, except
 * the categories {@code application.properties} pins with {@code quarkus.log.category."X".level},
 * as Quarkus would), formatted with its parameters and the full stack trace of any exception. The
 * Kubernetes test server's and the JDK HTTP server's own loggers are left out: they belong to the tests' fake servers.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {
    private final StringBuilder text = new StringBuilder();
    private final Logger root = Logger.getLogger("");
    private final Level previous = root.getLevel();
    private final Handler[] consoles = root.getHandlers();

    /** Captures instead of the console while open (the console would print every debug line). */
    public CapturedLogs() {
        setLevel(Level.ALL);
        for (Handler h : consoles) root.removeHandler(h);
        root.setLevel(Level.ALL);
        for (String name : new String[] {"dev.stackagent", "org.eclipse.jgit", "io.fabric8"}) {
            Logger.getLogger(name).setLevel(Level.ALL);
        }
        PINNED.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
        root.addHandler(this);
    }

    /** {@code quarkus.log.category."X".level} of application.properties, as JUL levels. */
    static final Map<String, Level> PINNED = pinnedCategories();

    private static Map<String, Level> pinnedCategories() {
        Map<String, Level> out = new LinkedHashMap<>();
        Properties p = new Properties();
        try (InputStream in = CapturedLogs.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m;
        for (String key : p.stringPropertyNames()) {
            if ((m = Pattern.compile("quarkus\\.log\\.category\\.\"(.+)\"\\.level").matcher(key)).matches()) {
                String v = p.getProperty(key).trim().toUpperCase(java.util.Locale.ROOT);
                out.put(m.group(1), switch (v) {
                    case "WARN" -> Level.WARNING;
                    case "ERROR", "FATAL" -> Level.SEVERE;
                    case "DEBUG" -> Level.FINE;
                    case "TRACE" -> Level.FINEST;
                    default -> Level.parse(v);
                });
            }
        }
        return out;
    }

    @Override
    public synchronized void publish(LogRecord r) {
        String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
        if (logger.startsWith("io.fabric8.kubernetes.client.server.mock") || logger.startsWith("io.fabric8.mockwebserver")
                || logger.startsWith("com.sun.net.httpserver")) { // the tests' fake servers (API server, Git host, Slack)
            return;
        }
        String message = r.getMessage();
        try {
            if (r.getParameters() != null && message != null) {
                message = message.contains("%") ? String.format(message, r.getParameters())
                        : java.text.MessageFormat.format(message, r.getParameters());
            }
        } catch (RuntimeException unformattable) {
            message = message + " " + java.util.Arrays.toString(r.getParameters());
        }
        text.append(r.getLevel()).append(' ').append(r.getLoggerName()).append(' ').append(message).append('\n');
        if (r.getThrown() != null) {
            StringWriter w = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(w));
            text.append(w).append('\n');
        }
    }

    public synchronized String text() {
        return text.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        for (Handler h : consoles) root.addHandler(h);
        root.setLevel(previous);
        for (String name : new String[] {"dev.stackagent", "org.eclipse.jgit", "io.fabric8"}) {
            Logger.getLogger(name).setLevel(null);
        }
        PINNED.keySet().forEach(name -> Logger.getLogger(name).setLevel(null));
    }
}
