package dev.stackagent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * For a run that records a class-data archive ({@code STACK_AGENT_CDS=train}, the build's training runs): links, as
 * the JVM exits, every class this process loaded from a jar but never linked, so the archive holds it. JDK 17's dynamic
 * archive ({@code -XX:ArchiveClassesAtExit}) links the classes of the JDK's own class loaders before it writes them,
 * but skips the others' unlinked classes ("Skipping ...: Not linked", about 1,200 of the CLI's 6,600) &mdash; and every
 * class of a Quarkus application is loaded by Quarkus's class loader. A class is loaded unlinked when it is only
 * named (a method signature, a superclass being verified); a later run then loads and verifies it again from the jar.
 *
 * <p>The classes come from the run's own class-loading log ({@code -Xlog:class+load:file=<log>}), whose path is
 * {@value #PROPERTY}; reflection on a class ({@link Class#getDeclaredConstructors()}) links it without running its
 * static initialiser. Nothing happens unless the property is set.
 */
final class CdsClassLinker {
    static final String PROPERTY = "cds.link-classes-from";
    /** A class-load log line for a class read from a jar: {@code [1.234s] a.b.C source: file:/x/y.jar}. */
    private static final Pattern FROM_JAR = Pattern.compile("\\] (\\S+) source: (?:file|jar):");

    private CdsClassLinker() {
    }

    /** Registers the shutdown hook when {@value #PROPERTY} names a class-loading log. */
    static void installIfTraining() {
        String log = System.getProperty(PROPERTY);
        if (log == null || log.isBlank()) {
            return;
        }
        ClassLoader loader = CdsClassLinker.class.getClassLoader();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            link(Path.of(log), loader);
            try {
                Files.deleteIfExists(Path.of(log)); // the JVM still writes to it until it exits; nobody reads it again
            } catch (IOException e) {
                // left behind: harmless
            }
        }, "cds-class-linker"));
    }

    /**
     * Links the classes {@code log} says came from a jar, again until a pass finds no new one (linking a class can
     * load others, which the log then lists); returns how many it linked.
     */
    static int link(Path log, ClassLoader loader) {
        Set<String> seen = new HashSet<>();
        int linked = 0;
        for (int pass = 0; pass < 10; pass++) {
            List<String> names = new ArrayList<>();
            try (Stream<String> lines = Files.lines(log)) {
                lines.map(FROM_JAR::matcher).filter(Matcher::find).map(m -> m.group(1)).filter(seen::add).forEach(names::add);
            } catch (IOException | RuntimeException e) {
                System.err.println("stack-agent: class-data training could not read " + log + ": " + e.getMessage());
                return linked;
            }
            if (names.isEmpty()) {
                break;
            }
            for (String name : names) {
                try {
                    Class.forName(name, false, loader).getDeclaredConstructors();
                    linked++;
                } catch (Throwable notLinkable) { // NOPMD: a class that cannot be linked is simply not archived
                    // e.g. a class of an optional dependency that is absent
                }
            }
        }
        return linked;
    }
}
