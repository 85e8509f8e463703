package dev.stackagent.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

import dev.stackagent.desired.Yaml;

/** Parser errors in plain words with the line of the problem, never the parser's own text. */
class YamlErrorsValidationTest {
    record Case(String name, String yaml, int line, String words) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> parserErrors() {
        return Stream.of(
                new Case("colon in a plain value", "a: 1\nkind: Service: x\n", 2, "a ':' where no mapping may start"),
                new Case("tab indentation", "a:\n\tb: 1\n", 2, "a tab character: YAML indents with spaces only"),
                new Case("unclosed quote", "a: \"open\nb: 1\n", 3, "a quoted value is not closed"),
                new Case("bad indentation", "a:\n    b: 1\n  c: 2\n", 3, "the indentation does not match the lines above"),
                new Case("unclosed flow list", "a: [1, 2\nb: 1\n", 2, "a [list] or {mapping} written on one line is not closed"),
                new Case("duplicate key", "a: 1\nb: 2\na: 3\n", 3, "key 'a' appears twice in the same mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parserErrors")
    void parserErrorValidationIsToldInPlainWordsWithTheLine(Case c) throws Exception {
        try (JsonParser p = Yaml.parser(c.yaml().getBytes(StandardCharsets.UTF_8))) {
            Yaml.STRICT.readTree(p);
            fail("no parser error for " + c.name());
        } catch (JsonProcessingException e) {
            assertThat(YamlErrors.plain(e)).startsWith("not valid YAML: " + c.words()).doesNotContain("reader").doesNotContain("column");
            assertThat(YamlErrors.problemLine(e)).isEqualTo(c.line());
        }
    }
}
