package dev.stackagent.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.util.Locale;

import javax.net.ssl.SSLException;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * One line for why the CLI could not talk to the cluster, naming the cause a user can act on: an unknown host, a
 * refused connection, a timeout, TLS, 401 (credentials) or 403 (RBAC), instead of a client stack trace.
 */
public final class ClusterErrors {
    private ClusterErrors() {
    }

    /**
     * What went wrong reaching {@code server} to {@code action} (e.g. "patch Stack demo in stack-agent").
     */
    public static String describe(Throwable error, String server, String action) {
        String where = server == null || server.isBlank() ? "the cluster" : server;
        KubernetesClientException k = find(error, KubernetesClientException.class);
        if (k != null && k.getCode() == 401) {
            return "cannot " + action + ": " + where + " answered 401 Unauthorized: the kubeconfig's credentials were refused "
                    + "(expired token? for GKE: gcloud container clusters get-credentials CLUSTER)";
        }
        if (k != null && k.getCode() == 403) {
            return "cannot " + action + ": " + where + " answered 403 Forbidden: your user may not do this "
                    + "(bind the stack-agent-operator Role, deploy/base/operator-role.yaml): " + firstLine(k.getStatus() == null
                            ? k.getMessage() : k.getStatus().getMessage());
        }
        if (k != null && k.getCode() == 404) {
            return "cannot " + action + ": not found on " + where + " (is the Stack CRD installed and the namespace right?)";
        }
        UnknownHostException host = find(error, UnknownHostException.class);
        if (host != null) {
            return "cannot " + action + ": unknown host " + host.getMessage() + " (the kubeconfig's server " + where
                    + " does not resolve; wrong context, or no VPN?)";
        }
        if (find(error, ConnectException.class) != null || find(error, NoRouteToHostException.class) != null
                || mentions(error, "connection refused")) {
            return "cannot " + action + ": connection refused by " + where + " (is the cluster up and the kubeconfig's server right?)";
        }
        if (find(error, SocketTimeoutException.class) != null || find(error, HttpTimeoutException.class) != null
                || mentions(error, "timed out") || mentions(error, "timeout")) {
            return "cannot " + action + ": " + where + " did not answer in time (firewall, private endpoint, or no VPN?)";
        }
        if (find(error, SSLException.class) != null || find(error, CertificateException.class) != null) {
            return "cannot " + action + ": TLS with " + where + " failed (" + firstLine(rootMessage(error))
                    + "); is the kubeconfig's certificate-authority-data for this cluster?";
        }
        if (k != null && k.getCode() > 0) {
            return "cannot " + action + ": " + where + " answered " + k.getCode() + ": " + firstLine(k.getStatus() == null
                    ? k.getMessage() : k.getStatus().getMessage());
        }
        return "cannot " + action + " on " + where + ": " + firstLine(rootMessage(error));
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean mentions(Throwable error, String text) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int cut = s.indexOf('\n');
        return cut < 0 ? s : s.substring(0, cut);
    }
}
