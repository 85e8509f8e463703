package dev.stackagent.source;

import java.util.regex.Pattern;

/**
 * What the agent follows in the configuration repository: the tip of a branch, a tag, or one pinned
 * commit. Exactly one of them is configured.
 */
public sealed interface GitRef {

    /** The ref name as the remote advertises it, e.g. {@code refs/heads/main}; empty for a commit. */
    String remoteRefName();

    /** Where the fetched revision is kept in the local cache, e.g. {@code refs/remotes/origin/main}. */
    String localRefName();

    /** Human-readable form for messages, e.g. {@code branch main}. */
    String describe();

    /** The tip of a branch; follows every new commit. */
    record Branch(String name) implements GitRef {
        public Branch {
            requireName(name, "branch");
        }

        @Override
        public String remoteRefName() {
            return "refs/heads/" + name;
        }

        @Override
        public String localRefName() {
            return "refs/remotes/origin/" + name;
        }

        @Override
        public String describe() {
            return "branch " + name;
        }
    }

    /** A tag, lightweight or annotated; the agent follows it if it is moved (force-pushed). */
    record Tag(String name) implements GitRef {
        public Tag {
            requireName(name, "tag");
        }

        @Override
        public String remoteRefName() {
            return "refs/tags/" + name;
        }

        @Override
        public String localRefName() {
            return "refs/tags/" + name;
        }

        @Override
        public String describe() {
            return "tag " + name;
        }
    }

    /** One pinned commit, given as its full 40-character SHA-1; never moves. */
    record Commit(String sha) implements GitRef {
        private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

        public Commit {
            if (sha == null || !FULL_SHA.matcher(sha).matches()) {
                throw new IllegalArgumentException(
                        "commit must be a full 40-character lower-case SHA-1, got '" + sha + "'");
            }
        }

        @Override
        public String remoteRefName() {
            return "";
        }

        @Override
        public String localRefName() {
            return sha;
        }

        @Override
        public String describe() {
            return "commit " + sha;
        }
    }

    private static void requireName(String name, String kind) {
        if (name == null || name.isBlank() || name.startsWith("refs/")) {
            throw new IllegalArgumentException(
                    kind + " must be a short name such as 'main' (without 'refs/'), got '" + name + "'");
        }
    }
}
