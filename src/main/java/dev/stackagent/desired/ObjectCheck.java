package dev.stackagent.desired;

import java.util.List;

/**
 * A check of each manifest object beyond what the loader knows (the schema check of
 * {@code dev.stackagent.schema} is one): errors reject the object's stack, warnings are reported
 * and let it proceed. The loader reports a warning once however many objects raise it.
 */
@FunctionalInterface
public interface ObjectCheck {
    ObjectCheck NONE = (object, file, errors, warnings) -> {
    };

    /** Checks {@code object}, read from {@code file} (the manifest file's content, for lines). */
    void check(DesiredObject object, byte[] file, List<ValidationError> errors, List<ValidationError> warnings);
}
