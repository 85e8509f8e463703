package dev.stackagent.gke;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** The configured GKE endpoint, checked: plaintext is only allowed to a loopback host. */
public record GkeEndpoint(Optional<String> hostPort, boolean plaintext) {

    public static GkeEndpoint of(GkeConfig config) {
        return checked(config.endpoint(), config.plaintext());
    }

    public static GkeEndpoint checked(Optional<String> hostPort, boolean plaintext) {
        Optional<String> endpoint = hostPort.map(String::trim).filter(s -> !s.isEmpty());
        if (plaintext) {
            String target = endpoint.orElseThrow(() -> new IllegalStateException(
                    "stack-agent.gke.plaintext=true needs stack-agent.gke.endpoint set to a loopback host:port"));
            if (!isLoopback(host(target))) {
                throw new IllegalStateException("stack-agent.gke.plaintext=true is refused for endpoint " + target
                        + ": plaintext without credentials is only allowed to a loopback host (an emulator or a fake)");
            }
        }
        return new GkeEndpoint(endpoint, plaintext);
    }

    public String describe() {
        return hostPort.map(h -> h + (plaintext ? " (plaintext, no credentials)" : ""))
                .orElse("GKE's default endpoint");
    }

    static String host(String hostPort) {
        if (hostPort.startsWith("[")) {
            return hostPort.substring(1, hostPort.indexOf(']'));
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false; // never resolve names other than localhost: DNS could point anywhere
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
