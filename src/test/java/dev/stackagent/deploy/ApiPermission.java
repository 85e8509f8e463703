package dev.stackagent.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One RBAC permission: (API group, resource[/subresource], verb), in the agent's own namespace or
 * cluster-wide, on any object ({@code name} null) or on one named object: a request names the
 * object it reads or writes (except create and list), a rule with {@code resourceNames} grants one
 * permission per name. {@link #of} maps a recorded {@code METHOD /api...} request to the permission
 * the API server would check, {@link #ofRequest} keeps the object's name; discovery requests
 * ({@code /api}, {@code /apis/g/v}) need none.
 */
record ApiPermission(String group, String resource, String verb, boolean agentNamespaceOnly, String name)
        implements Comparable<ApiPermission> {

    ApiPermission(String group, String resource, String verb, boolean agentNamespaceOnly) {
        this(group, resource, verb, agentNamespaceOnly, null);
    }

    static ApiPermission cluster(String group, String resource, String verb) {
        return new ApiPermission(group, resource, verb, false);
    }

    static ApiPermission inAgentNamespace(String group, String resource, String verb) {
        return new ApiPermission(group, resource, verb, true);
    }

    ApiPermission clusterWide() {
        return new ApiPermission(group, resource, verb, false, name);
    }

    /** The same permission on any object. */
    ApiPermission anyName() {
        return name == null ? this : new ApiPermission(group, resource, verb, agentNamespaceOnly);
    }

    /** The same permission on the object {@code objectName} only. */
    ApiPermission named(String objectName) {
        return new ApiPermission(group, resource, verb, agentNamespaceOnly, objectName);
    }

    /**
     * Whether this grant allows {@code request}: same group, resource, verb and scope, and either no
     * resourceNames or the request's object among them (a request without a name, create or list,
     * is granted only by a rule without resourceNames, as the API server does).
     */
    boolean grants(ApiPermission request) {
        return anyName().equals(request.anyName()) && (name == null || name.equals(request.name()));
    }

    /** The permission a request needs, without the object's name. */
    static Optional<ApiPermission> of(String method, String pathAndQuery, String agentNamespace) {
        return ofRequest(method, pathAndQuery, agentNamespace).map(ApiPermission::anyName);
    }

    /** The permission a request needs, on the object it names (null for create, list, watch, deletecollection). */
    static Optional<ApiPermission> ofRequest(String method, String pathAndQuery, String agentNamespace) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
        List<String> seg = new ArrayList<>(Arrays.asList(path.replaceFirst("^/", "").split("/")));
        String group;
        if (seg.get(0).equals("api") && seg.size() >= 3) {
            group = "";
            seg = seg.subList(2, seg.size());
        } else if (seg.get(0).equals("apis") && seg.size() >= 4) {
            group = seg.get(1);
            seg = seg.subList(3, seg.size());
        } else {
            return Optional.empty();
        }
        String namespace = null;
        if (seg.get(0).equals("namespaces") && seg.size() >= 3) {
            namespace = seg.get(1);
            seg = seg.subList(2, seg.size());
        }
        String resource = seg.get(0) + (seg.size() >= 3 ? "/" + seg.get(2) : "");
        boolean named = seg.size() >= 2;
        String verb = switch (method) {
            case "GET" -> named ? "get" : query.matches("(^|.*&)watch=(true|1)(&.*|$)") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("unexpected method " + method);
        };
        return Optional.of(new ApiPermission(group, resource, verb, agentNamespace.equals(namespace), named ? seg.get(1) : null));
    }

    @Override
    public int compareTo(ApiPermission o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb + (name == null ? "" : " [" + name + "]")
                + (agentNamespaceOnly ? " (agent namespace)" : "");
    }
}
