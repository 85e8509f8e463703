package dev.stackagent.gke;

/** One GKE API call as the call log records it: method, target resource name and result code. */
public record GkeCall(String method, String target, String code) {

    public boolean mutating() {
        return !method.startsWith("get") && !method.startsWith("list");
    }

    @Override
    public String toString() {
        return method + " " + target + " -> " + code;
    }
}
