package dev.stackagent.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;

/**
 * The fabric8 CRUD test server with the two request parameters it ignores made to work, so tests can
 * see what a real API server does with them:
 * <ul>
 * <li>{@code fieldValidation=Strict} on a POST or PATCH: the object that would result is checked
 * against its schema (the CRD's {@code openAPIV3Schema} stored in this server for a custom resource,
 * or a schema the test registers with {@link #schema} for a built-in kind); an undeclared field
 * answers 400 {@code strict decoding error: unknown field "spec.policyType"}, a wrong basic type 422.
 * Kinds with no schema are not checked.</li>
 * <li>{@code dryRun=All} on a POST or PATCH: answered with the object as it would be stored
 * ({@code default}s of the schema filled in, a uid and creation time for a create), 409 for a create
 * of an existing object or a patch on a stale resourceVersion, 404 for a patch of a missing one, and
 * nothing stored, no watch event.</li>
 * <li>A real (not dry-run) POST also gets the schema's defaults before it is stored. A real PATCH is
 * checked but stored as the CRUD server stores it (no defaults for fields the patch adds).</li>
 * </ul>
 * Not simulated: admission webhooks, namespace existence, validation beyond unknown fields and basic
 * types (no enums, patterns, required fields, CEL rules), server-side apply, PUT. See docs/real-cluster.md.
 */
public final class ApiServerSimulation extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Dispatcher crud;
    private final Map<String, JsonNode> schemas = new ConcurrentHashMap<>();
    private final List<String> dryRuns = java.util.Collections.synchronizedList(new ArrayList<>());
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    /** A started CRUD server behind this simulation, and a client of it. */
    public ApiServerSimulation() {
        crud = new KubernetesCrudDispatcher();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new java.util.HashMap<>(), this, false);
        server.init();
        client = server.createClient();
    }

    private ApiServerSimulation(KubernetesMockServer server, Dispatcher existing) {
        this.crud = existing;
        this.server = server;
        this.client = null;
    }

    /**
     * Puts the simulation in front of an already started test server (e.g. one a JUnit or Quarkus
     * extension made): its requests go through the simulation, then to its own dispatcher.
     */
    public static ApiServerSimulation install(KubernetesMockServer server) {
        try {
            java.lang.reflect.Field web = io.fabric8.mockwebserver.DefaultMockServer.class.getDeclaredField("server");
            web.setAccessible(true);
            java.lang.reflect.Field dispatcher = KubernetesMockServer.class.getDeclaredField("dispatcher");
            dispatcher.setAccessible(true);
            ApiServerSimulation simulation = new ApiServerSimulation(server, (Dispatcher) dispatcher.get(server));
            ((MockWebServer) web.get(server)).setDispatcher(simulation);
            return simulation;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install the API server simulation on this fabric8 version", e);
        }
    }

    /** For {@code @WithKubernetesTestServer(setup = ApiServerSimulation.Setup.class)}: the Quarkus test server, simulated. */
    public static final class Setup implements java.util.function.Consumer<io.quarkus.test.kubernetes.client.KubernetesServer> {
        @Override
        public void accept(io.quarkus.test.kubernetes.client.KubernetesServer server) {
            install(server.getKubernetesMockServer());
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public KubernetesMockServer server() {
        return server;
    }

    /** Declares the schema (OpenAPI v3, as YAML) of a built-in resource, e.g. {@code schema("networkpolicies", "...")}. */
    public ApiServerSimulation schema(String plural, String yaml) {
        try {
            schemas.put(plural, YAML.readTree(yaml));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** "METHOD path" of each dry-run request answered so far. */
    public List<String> dryRuns() {
        return List.copyOf(dryRuns);
    }

    public void close() {
        if (client != null) {
            client.close();
            server.destroy();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String method = request.getMethod();
        if (!method.equals("POST") && !method.equals("PATCH")) {
            return crud.dispatch(request);
        }
        Target t = Target.of(request.getPath());
        boolean dryRun = "All".equals(t.query.get("dryRun"));
        boolean strict = "Strict".equals(t.query.get("fieldValidation"));
        try {
            ObjectNode current = t.name == null ? null : get(t.path);
            ObjectNode result;
            if (method.equals("POST")) {
                result = (ObjectNode) JSON.readTree(request.getBody().getBytes());
                String name = result.path("metadata").path("name").asText();
                if (dryRun && get(t.path + "/" + name) != null) {
                    return status(409, "AlreadyExists", t.plural + " \"" + name + "\" already exists");
                }
            } else {
                if (current == null) return crud.dispatch(request); // 404, as the CRUD server answers it
                if (!String.valueOf(request.getHeader("Content-Type")).startsWith("application/json-patch+json")) return crud.dispatch(request);
                String body = new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
                result = (ObjectNode) JsonPatch.apply(JSON.readTree(body), current.deepCopy());
                String rv = result.path("metadata").path("resourceVersion").asText("");
                if (!rv.isEmpty() && !rv.equals(current.path("metadata").path("resourceVersion").asText())) {
                    return status(409, "Conflict", "Operation cannot be fulfilled on " + t.plural + " \"" + t.name
                            + "\": the object has been modified; please apply your changes to the latest version and try again");
                }
            }
            JsonNode schema = schemaOf(t);
            if (strict && schema != null) {
                List<String> unknown = FieldSchemas.unknownFields(schema, result);
                if (!unknown.isEmpty()) {
                    String kind = result.path("kind").asText();
                    return status(400, "BadRequest", kind + " in version \"" + t.version + "\" cannot be handled as a " + kind
                            + ": strict decoding error: " + String.join(", ", unknown));
                }
            }
            List<String> types = FieldSchemas.wrongTypes(schema, result);
            if (!types.isEmpty()) {
                return status(422, "Invalid", result.path("kind").asText() + " \"" + result.path("metadata").path("name").asText()
                        + "\" is invalid: " + String.join(", ", types));
            }
            FieldSchemas.applyDefaults(schema, result);
            if (dryRun) {
                dryRuns.add(method + " " + t.path);
                return dryRunAnswer(method, result, current, t);
            }
            if (method.equals("POST")) {
                return crud.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
                        new Buffer(JSON.writeValueAsBytes(result))));
            }
            return crud.dispatch(request);
        } catch (java.io.IOException | RuntimeException e) {
            return status(422, "Invalid", "cannot apply: " + e.getMessage());
        }
    }

    private MockResponse dryRunAnswer(String method, ObjectNode result, ObjectNode current, Target t) throws java.io.IOException {
        ObjectNode meta = result.with("metadata");
        if (method.equals("POST")) {
            meta.put("uid", UUID.randomUUID().toString()).put("creationTimestamp", Instant.now().toString()).put("generation", 1);
            if (t.namespace != null) meta.put("namespace", t.namespace);
            meta.remove("resourceVersion");
        } else if (!result.path("spec").equals(current.path("spec"))) {
            meta.put("generation", current.path("metadata").path("generation").asLong(1) + 1);
        }
        return new MockResponse().setResponseCode(method.equals("POST") ? 201 : 200).setBody(JSON.writeValueAsString(result))
                .addHeader("Content-Type", "application/json");
    }

    /** The schema of the request's resource: registered for a built-in kind, else its CRD's for the version, else null. */
    private JsonNode schemaOf(Target t) throws java.io.IOException {
        JsonNode registered = schemas.get(t.plural);
        if (registered != null || t.group == null) return registered;
        ObjectNode crd = get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + t.plural + "." + t.group);
        if (crd == null) return null;
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asText().equals(t.version)) {
                JsonNode s = v.path("schema").path("openAPIV3Schema");
                return s.isMissingNode() ? null : s;
            }
        }
        return null;
    }

    private ObjectNode get(String path) throws java.io.IOException {
        MockResponse r = crud.dispatch(new RecordedRequest("HTTP/1.1", io.fabric8.mockwebserver.dsl.HttpMethod.GET, path,
                io.fabric8.mockwebserver.http.Headers.builder().build(), new Buffer()));
        if (r.code() != 200) return null;
        JsonNode body = JSON.readTree(r.getBody().readUtf8());
        return body instanceof ObjectNode o ? o : null;
    }

    private static MockResponse status(int code, String reason, String message) {
        ObjectNode s = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code);
        return new MockResponse().setResponseCode(code).setBody(s.toString()).addHeader("Content-Type", "application/json");
    }

    /** The parts of a request path: {@code /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME]?QUERY}. */
    private record Target(String path, String group, String version, String namespace, String plural, String name, Map<String, String> query) {
        static Target of(String full) {
            int q = full.indexOf('?');
            String path = q < 0 ? full : full.substring(0, q);
            Map<String, String> query = new LinkedHashMap<>();
            if (q >= 0) {
                for (String kv : full.substring(q + 1).split("&")) {
                    int eq = kv.indexOf('=');
                    query.put(decode(eq < 0 ? kv : kv.substring(0, eq)), eq < 0 ? "" : decode(kv.substring(eq + 1)));
                }
            }
            String[] s = path.substring(1).split("/");
            int i = s[0].equals("api") ? 1 : 2;
            String group = s[0].equals("api") ? null : s[1];
            String version = s[i];
            List<String> rest = List.of(s).subList(i + 1, s.length);
            String ns = null;
            if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
                ns = rest.get(1);
                rest = rest.subList(2, rest.size());
            }
            String name = rest.size() > 1 ? rest.get(1) : null;
            String base = name == null ? path : path.substring(0, path.lastIndexOf('/'));
            return new Target(name == null ? base : path, group, version, ns, rest.get(0), name, query);
        }

        private static String decode(String s) {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
    }
}
