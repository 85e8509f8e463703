package dev.stackagent.apply;

import dev.stackagent.desired.ObjectRef;

/** Records a Kubernetes Event on an object the agent changed. Messages never carry field values. */
public interface EventRecorder {
    void record(String stack, ObjectRef ref, String reason, String message);

    EventRecorder NONE = (stack, ref, reason, message) -> { };
}
