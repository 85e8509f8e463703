package dev.stackagent.desired;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.yaml.YamlErrors;

/** Reads plain multi-document Kubernetes YAML, remembering the line each document starts on. */
final class ManifestReader {
    private ManifestReader() {
    }

    record Document(ObjectNode body, int line) {
    }

    static List<Document> read(String file, byte[] content, List<ValidationError> errors) {
        List<Document> out = new ArrayList<>();
        try (JsonParser parser = Yaml.parser(content);
                MappingIterator<JsonNode> it = Yaml.STRICT.readerFor(JsonNode.class).readValues(parser)) {
            while (true) {
                int line;
                JsonNode node;
                try {
                    if (!it.hasNextValue()) break;
                    JsonLocation loc = parser.currentTokenLocation();
                    line = loc == null ? 0 : loc.getLineNr();
                    node = it.nextValue();
                } catch (JsonProcessingException e) {
                    errors.add(new ValidationError(file, YamlErrors.problemLine(e), "", "", YamlErrors.plain(e)));
                    return out;
                }
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                if (!node.isObject()) {
                    errors.add(new ValidationError(file, line, "", "", "a document must be a Kubernetes object, not " + node.getNodeType()));
                    continue;
                }
                out.add(new Document((ObjectNode) node, line));
            }
        } catch (IOException e) {
            errors.add(new ValidationError(file, 0, "", "", "cannot read: " + e.getMessage()));
        }
        return out;
    }
}
