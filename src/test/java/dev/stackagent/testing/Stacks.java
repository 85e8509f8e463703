package dev.stackagent.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.stackagent.desired.DesiredState;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackLoader;

/** Builds stacks from in-memory config repos for tests. */
public final class Stacks {
    private Stacks() {
    }

    public static SortedMap<String, byte[]> files(Map<String, String> text) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        text.forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    /** The one valid stack of the repo; fails the test with the validation errors otherwise. */
    public static Stack load(Map<String, String> text) {
        DesiredState state = StackLoader.load("test", files(text));
        if (!state.valid() || state.stacks().size() != 1) {
            throw new AssertionError("test repo is not valid: " + state.errors());
        }
        return state.stacks().get(0);
    }
}
