package dev.stackagent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.stackagent.desired.DesiredState;
import dev.stackagent.desired.StackLoader;
import dev.stackagent.desired.ValidationError;
import dev.stackagent.template.TemplateFiles;

/**
 * A few thousand mutations of the template's valid {@code stack.yaml}, from a fixed seed: keys
 * deleted, renamed and duplicated, scalars turned into other types, huge and negative numbers,
 * unicode and garbage characters, text cut at random places, lines swapped and re-indented.
 * {@link StackLoader#load} never throws; each result is either a valid stack or a rejection whose
 * every error names the file and says something, and points at a field or a line.
 */
class StackYamlMutationTest {
    static final long SEED = 20260105L;
    static final int CASES = 2000;
    static final String STACK_FILE = "stacks/" + TemplateFiles.STACK + "/stack.yaml";
    static final String[] VALUES = {"42", "-1", "0", "true", "false", "null", "~", "[a, b]", "[]", "{x: 1}", "{}", "\"text\"", "''",
        "99999999999999999999999", "-2147483649", "2147483648", "1e400", "-1e-400", ".inf", ".nan", "0x1F", "3.7",
        "'ünïcødé ✓ 日本語'", "\"\\u0000\"", "\"07:00\"", "25:99", "Mon-Funday", "PT-5M", "-20m", "2026-02-30", "!!binary AAAA",
        "&anchor x", "*anchor", "|\n  block", ">-", "\"\\ud800\""};
    static final String[] GARBAGE = {"{", "}", "[", "]", ":", ",", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "#", "-", "\t",
        "\u0000", "\uFEFF", "\u202E", "ü", "✓", "\uD83D\uDE00", "\n", "\r", "? ", "<<: *a", "---\n", "...\n"};
    static final String[] KEYS = {"name", "nodeCount", "autoscaling", "replicaz", "ｎａｍｅ", "", "\"\"", "apiVersion", "kind", "schedule",
        "enabled", "x".repeat(300), "0", "true", "null"};

    @Test
    void everyMutationIsAcceptedOrRejectedWithClearErrorsAndNothingEscapes() throws IOException {
        SortedMap<String, byte[]> template = templateFiles();
        String valid = new String(template.get(STACK_FILE), StandardCharsets.UTF_8);
        assertThat(StackLoader.load("seed", template).valid()).as("the template itself is valid").isTrue();
        Random random = new Random(SEED);
        List<String> escaped = new ArrayList<>();
        List<String> unclear = new ArrayList<>();
        int accepted = 0;

        for (int i = 0; i < CASES; i++) {
            String text = valid;
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                text = mutate(text, random);
            }
            SortedMap<String, byte[]> files = new TreeMap<>(template);
            files.put(STACK_FILE, text.getBytes(StandardCharsets.UTF_8));
            DesiredState state;
            try {
                state = StackLoader.load("case-" + i, files);
            } catch (Throwable t) {
                escaped.add("case " + i + ": " + t + "\n---\n" + text + "\n---");
                continue;
            }
            if (state.valid()) {
                assertThat(state.stacks()).hasSize(1);
                accepted++;
                continue;
            }
            assertThat(state.rejected()).containsOnlyKeys(TemplateFiles.STACK);
            for (ValidationError e : state.errors()) {
                if (e.file() == null || e.file().isBlank() || e.message() == null || e.message().isBlank()
                        || (e.line() <= 0 && (e.field() == null || e.field().isBlank()) && !whole(e))) {
                    unclear.add("case " + i + ": " + e + "\n---\n" + text + "\n---");
                }
            }
        }

        assertThat(escaped).as("exceptions escaping StackLoader.load").isEmpty();
        assertThat(unclear).as("errors without file, message, or a field or line").isEmpty();
        assertThat(accepted).as("some mutations are harmless (comments, values of free text)").isPositive().isLessThan(CASES);
    }

    /** Errors about the file as a whole, which have no field or line to point at. */
    static boolean whole(ValidationError e) {
        return e.message().equals("stack.yaml is empty");
    }

    static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        String line = lines.get(at);
        int colon = line.indexOf(':');
        switch (random.nextInt(10)) {
            case 0 -> lines.remove(at);
            case 1 -> {
                if (colon > 0) lines.set(at, indent(line) + pick(KEYS, random) + line.substring(colon));
            }
            case 2 -> {
                if (colon > 0) lines.set(at, line.substring(0, colon + 1) + " " + pick(VALUES, random));
            }
            case 3 -> {
                int offset = random.nextInt(text.length() + 1);
                return text.substring(0, offset) + pick(GARBAGE, random) + text.substring(offset);
            }
            case 4 -> {
                return text.substring(0, random.nextInt(text.length() + 1));
            }
            case 5 -> lines.add(at, line);
            case 6 -> lines.set(at, random.nextBoolean() ? "  " + line : line.replaceFirst("^ {1,2}", ""));
            case 7 -> {
                int other = random.nextInt(lines.size());
                lines.set(at, lines.get(other));
                lines.set(other, line);
            }
            case 8 -> {
                if (colon > 0) lines.set(at, line.substring(0, colon + 1) + " " + (random.nextBoolean() ? "-" : "")
                        + "9".repeat(1 + random.nextInt(40)));
            }
            default -> {
                if (colon > 0) lines.set(at, line.substring(0, colon + 1) + " \"" + "ä✓\uD83D\uDE00".repeat(1 + random.nextInt(2000)) + "\"");
            }
        }
        return String.join("\n", lines);
    }

    static String indent(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '-')) n++;
        return line.substring(0, n);
    }

    static String pick(String[] options, Random random) {
        return options[random.nextInt(options.length)];
    }

    static SortedMap<String, byte[]> templateFiles() throws IOException {
        Path root = TemplateFiles.projectDir().resolve("config-repo-template");
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root.resolve("stacks"))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
