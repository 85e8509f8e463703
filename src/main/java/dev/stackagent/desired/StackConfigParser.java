package dev.stackagent.desired;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import dev.stackagent.yaml.YamlErrors;

/** Reads {@code stack.yaml} into a {@link StackConfig}; every problem becomes a {@link ValidationError}. */
final class StackConfigParser {
    private StackConfigParser() {
    }

    /** The parsed config, or null with errors added to {@code errors}. */
    static StackConfig parse(String file, String stackName, byte[] content, List<ValidationError> errors) {
        try (JsonParser parser = Yaml.parser(content)) {
            StackConfig config = Yaml.STRICT.readValue(parser, StackConfig.class);
            if (config == null) {
                errors.add(new ValidationError(file, 0, "stack " + stackName, "", "stack.yaml is empty"));
            }
            return config;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            errors.add(new ValidationError(file, YamlErrors.unknownFieldLine(e, content), "stack " + stackName, YamlErrors.path(e),
                    "unknown field '" + e.getPropertyName() + "'" + (known.isEmpty() ? "" : " (allowed here: " + known + ")")));
        } catch (MismatchedInputException e) {
            errors.add(new ValidationError(file, YamlErrors.line(e.getLocation()), "stack " + stackName, YamlErrors.path(e), mismatch(e)));
        } catch (ValueInstantiationException e) {
            String message = e.getCause() instanceof NullPointerException
                    ? "a list has an empty entry (a '-' with nothing after it)" : cleanMessage(e);
            errors.add(new ValidationError(file, YamlErrors.line(e.getLocation()), "stack " + stackName, YamlErrors.path(e), message));
        } catch (JsonMappingException e) {
            errors.add(new ValidationError(file, YamlErrors.line(e.getLocation()), "stack " + stackName, YamlErrors.path(e), cleanMessage(e)));
        } catch (JsonProcessingException e) {
            errors.add(new ValidationError(file, YamlErrors.line(e.getLocation()), "stack " + stackName, "",
                    "not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            errors.add(new ValidationError(file, 0, "stack " + stackName, "", "cannot read: " + e.getMessage()));
        }
        return null;
    }

    private static String mismatch(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        Object value = e instanceof InvalidFormatException f ? f.getValue() : null;
        String shown = value == null ? "" : "'" + value + "' ";
        if (type == LocalTime.class) return shown + "is not a time of day (expected HH:MM, for example \"07:00\")";
        if (type == LocalDate.class) return shown + "is not a date (expected YYYY-MM-DD)";
        if (type == OffsetDateTime.class) return shown + "is not a date-time with offset (for example 2026-11-28T02:00+01:00)";
        if (type == Duration.class || type == java.util.Set.class) {
            String m = e.getOriginalMessage();
            int at = m.indexOf("\": ");
            return at > 0 ? m.substring(at + 3) : cleanMessage(e);
        }
        if (type == Integer.class || type == int.class) return shown + "is not a whole number";
        if (type == Boolean.class || type == boolean.class) return shown + "is not true or false";
        if (type == String.class) return "expected a text value";
        if (type != null && type.isEnum()) {
            return shown + "is not one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type != null && java.util.List.class.isAssignableFrom(type)) return "expected a list";
        if (type != null && type.isRecord()) return "expected a mapping (key: value)";
        return cleanMessage(e);
    }

    private static String cleanMessage(JsonMappingException e) {
        String msg = e.getOriginalMessage();
        // Jackson names Java types; users know YAML. Keep the first sentence and drop class names.
        int cut = msg.indexOf("\n");
        if (cut > 0) msg = msg.substring(0, cut);
        msg = msg.replaceAll("`(?:[a-zA-Z0-9_]+[.$])*([A-Za-z0-9_]+)`", "$1")
                .replaceAll("\\(class [^)]*\\)", "")
                .replace("java.lang.", "")
                .replace("java.time.", "");
        return msg.trim();
    }
}
