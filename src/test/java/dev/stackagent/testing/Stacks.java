package dev.stackagent.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.stackagent.desired.DesiredState;
import dev.stackagent.desired.LoadRules;
import dev.stackagent.desired.RepoFiles;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackLoader;
import dev.stackagent.policy.Policy;
import dev.stackagent.policy.PolicyLoader;

/** Builds stacks from in-memory config repos for tests. */
public final class Stacks {
    private Stacks() {
    }

    public static SortedMap<String, byte[]> files(Map<String, String> text) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        text.forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    /** A policy that also allows the kinds tests use beside the seed's (Deployments, Services, HTTPRoutes). */
    public static final Policy WIDER_KINDS = PolicyLoader.parse("test-policy.yaml", """
            apiVersion: stack-agent.dev/v1alpha1
            kind: AgentPolicy
            kinds:
              - {group: "", kind: ServiceAccount}
              - {group: "", kind: ConfigMap}
              - {group: "", kind: Secret}
              - {group: "", kind: Service}
              - {group: apps, kind: Deployment}
              - {group: networking.k8s.io, kind: NetworkPolicy}
              - {group: serving.kserve.io, kind: LLMInferenceService}
              - {group: gateway.networking.k8s.io, kind: HTTPRoute}
            """.getBytes(StandardCharsets.UTF_8));

    /** The one valid stack of the repo under the built-in policy; fails the test with the validation errors otherwise. */
    public static Stack load(Map<String, String> text) {
        return load(text, Policy.defaults());
    }

    /** The one valid stack of the repo under {@code policy}. */
    public static Stack load(Map<String, String> text, Policy policy) {
        DesiredState state = StackLoader.load("test", RepoFiles.of(files(text)), LoadRules.of(policy));
        if (!state.valid() || state.stacks().size() != 1) {
            throw new AssertionError("test repo is not valid: " + state.errors());
        }
        return state.stacks().get(0);
    }
}
