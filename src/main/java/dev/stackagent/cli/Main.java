package dev.stackagent.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. The offline commands ({@code validate}, {@code plan}) do not open the HTTP port,
 * so they run beside a running agent or in CI; {@code run} (the default) is the agent.
 */
@QuarkusMain
public final class Main {
    private Main() {
    }

    public static void main(String... args) {
        if (args.length > 0 && !"run".equals(args[0])) {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.log.console.level", System.getProperty("quarkus.log.console.level", "WARN"));
        }
        Quarkus.run(StackAgentCommand.Runner.class, args);
    }
}
