package dev.stackagent.cli;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * Entry point. Only {@code run} (the default) opens the HTTP port: the other commands ({@code validate}, {@code plan},
 * the verbs on a stack) and any {@code --help} or {@code --version} start nothing, so they run beside a running agent,
 * in CI, or on a laptop whose port 8080 is taken.
 */
@QuarkusMain
public final class Main {
    private Main() {
    }

    public static void main(String... args) {
        CdsClassLinker.installIfTraining();
        if (offline(args)) {
            int code = new CommandLine(StackAgentCommand.class).execute(args);
            // System.exit in a process; what Quarkus's test harness records in a test, as for the other commands
            ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(code, null);
            return;
        }
        if (!serves(args)) {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.log.console.level", System.getProperty("quarkus.log.console.level", "WARN"));
        }
        Quarkus.run(StackAgentCommand.Runner.class, args);
    }

    /**
     * Whether these arguments run {@code validate}, which reads files only: it needs neither the CDI container, the
     * Kubernetes client nor the HTTP server, so it runs on picocli alone, without starting Quarkus (half of its time:
     * 1.6 s -> 0.9 s on the template through the launcher). Its output, exit codes and messages are the same either way.
     */
    static boolean offline(String... args) {
        return args.length > 0 && "validate".equals(args[0]);
    }

    /**
     * Whether these arguments run the agent (and so open the HTTP port): {@code run}, or no command at all, without a
     * help or version flag. {@code run --help}, {@code -V} and every other command start no server.
     */
    static boolean serves(String... args) {
        if (args.length > 0 && !"run".equals(args[0])) {
            return false;
        }
        return java.util.Arrays.stream(args).noneMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V")
                || a.equals("--version") || a.equals("help"));
    }
}
