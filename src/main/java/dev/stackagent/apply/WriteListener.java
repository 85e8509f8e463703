package dev.stackagent.apply;

import dev.stackagent.desired.ObjectRef;

/**
 * Told about every create or patch the agent sends, so watches can skip its echo without racing it:
 * {@link #writing} before the request is sent, then exactly one of {@link #wrote} (with the resource
 * version the API server gave the object) or {@link #failed}, whatever happens.
 */
public interface WriteListener {
    /** A create or patch of {@code ref} is about to be sent. */
    void writing(ObjectRef ref);

    /** The write announced by {@link #writing} succeeded and gave the object this resource version. */
    void wrote(ObjectRef ref, String resourceVersion);

    /** The write announced by {@link #writing} failed, or returned no resource version. */
    void failed(ObjectRef ref);

    WriteListener NONE = new WriteListener() {
        @Override
        public void writing(ObjectRef ref) {
        }

        @Override
        public void wrote(ObjectRef ref, String resourceVersion) {
        }

        @Override
        public void failed(ObjectRef ref) {
        }
    };
}
