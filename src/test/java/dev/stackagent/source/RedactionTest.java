package dev.stackagent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Credentials are removed from URLs and text. */
class RedactionTest {

    @Test
    void stripsUserinfoFromEveryUrl() {
        assertThat(Redaction.url("https://tok@github.com/o/r.git")).isEqualTo("https://github.com/o/r.git");
        assertThat(Redaction.url("https://u:p@h/r")).isEqualTo("https://h/r");
        assertThat(Redaction.url("ssh://git@h:22/r")).isEqualTo("ssh://h:22/r");
        assertThat(Redaction.url("https://github.com/o/r.git")).isEqualTo("https://github.com/o/r.git");
        assertThat(Redaction.text("a https://u:p@h/r and http://x@y/z", List.of()))
                .isEqualTo("a https://h/r and http://y/z");
    }

    @Test
    void masksKnownSecretsInText() {
        assertThat(Redaction.text("bad token abc123 here", List.of("abc123"))).isEqualTo("bad token **** here");
        assertThat(Redaction.text(null, List.of("x"))).isEmpty();
    }
}
