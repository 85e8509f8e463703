package dev.stackagent.desired;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/** Which files of a stack directory its {@code manifests} entries select, and which YAML files none selects. */
final class ManifestFiles {
    private ManifestFiles() {
    }

    /** The manifest files of a stack in the order its entries name them; an entry matching nothing is an error. */
    static List<String> select(String dir, StackConfig config, SortedMap<String, byte[]> files, List<ValidationError> errors) {
        List<String> out = new ArrayList<>();
        List<String> entries = config.manifests().isEmpty() ? List.of(".") : config.manifests();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry == null) continue;
            String path = entry.equals(".") || entry.equals("./") ? dir : dir + (entry.startsWith("./") ? entry.substring(2) : entry);
            List<String> matched = files.keySet().stream()
                    .filter(f -> f.equals(path) || f.startsWith(path.endsWith("/") ? path : path + "/"))
                    .filter(ManifestFiles::isYaml)
                    .filter(f -> !f.equals(dir + StackLoader.STACK_FILE))
                    .toList();
            if (matched.isEmpty() && !config.manifests().isEmpty()) {
                errors.add(new ValidationError(dir + StackLoader.STACK_FILE, 0, stackLabel(dir),
                        "manifests[" + i + "]", "'" + entry + "' matches no .yaml/.yml file in the stack directory"));
            }
            matched.stream().filter(f -> !out.contains(f)).forEach(out::add);
        }
        return out;
    }

    /**
     * The YAML files under the stack directory that no entry selects: written to be applied, most
     * likely, yet never applied. One warning per file.
     */
    static void unlisted(String dir, List<String> selected, SortedMap<String, byte[]> files, List<ValidationError> warnings) {
        files.keySet().stream()
                .filter(f -> f.startsWith(dir) && isYaml(f) && !f.equals(dir + StackLoader.STACK_FILE) && !selected.contains(f))
                .forEach(f -> warnings.add(new ValidationError(f, 0, stackLabel(dir), "manifests",
                        f.substring(dir.length()) + " is under the stack directory but no manifests entry of stack.yaml lists it:"
                                + " it is not applied (list it, or move it out of the stack directory)")));
    }

    private static boolean isYaml(String f) {
        return f.endsWith(".yaml") || f.endsWith(".yml");
    }

    private static String stackLabel(String dir) {
        return "stack " + dir.substring(StackLoader.STACKS_DIR.length(), dir.length() - 1);
    }
}
