package dev.stackagent.testing;

/** Small hand-written schemas of built-in kinds for {@link ApiServerSimulation#schema}: only the fields tests use. */
public final class KnownFields {
    private KnownFields() {
    }

    public static final String NETWORK_POLICY = """
            type: object
            properties:
              spec:
                type: object
                properties:
                  podSelector: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  policyTypes: {type: array, items: {type: string}}
                  ingress: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                  egress: {type: array, items: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            """;

    public static final String CONFIG_MAP = """
            type: object
            properties:
              data: {type: object, additionalProperties: {type: string}}
              binaryData: {type: object, additionalProperties: {type: string}}
              immutable: {type: boolean}
            """;

    /** A Service whose {@code type}, {@code sessionAffinity} and port {@code protocol} the server defaults. */
    public static final String SERVICE = """
            type: object
            properties:
              spec:
                type: object
                properties:
                  selector: {type: object, additionalProperties: {type: string}}
                  type: {type: string, default: ClusterIP}
                  sessionAffinity: {type: string, default: None}
                  ports:
                    type: array
                    items:
                      type: object
                      properties:
                        name: {type: string}
                        port: {type: integer}
                        targetPort: {type: integer, x-kubernetes-int-or-string: true}
                        protocol: {type: string, default: TCP}
            """;

    /** The schemas above on a simulated server. */
    public static ApiServerSimulation declare(ApiServerSimulation server) {
        return server.schema("networkpolicies", NETWORK_POLICY).schema("configmaps", CONFIG_MAP).schema("services", SERVICE);
    }
}
