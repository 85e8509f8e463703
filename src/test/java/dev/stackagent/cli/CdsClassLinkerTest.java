package dev.stackagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsClassLinkerTest {
    @TempDir
    Path tmp;

    @Test
    void linksTheClassesTheLogSaysCameFromAJarAndNoOthers() throws Exception {
        Path log = tmp.resolve("classes.log");
        Files.writeString(log, String.join("\n",
                "[0.101s] java.lang.Object source: shared objects file",
                "[0.300s] java.util.zip.CRC32 source: jrt:/java.base",
                "[0.900s] dev.stackagent.cli.PlanRenderer source: file:/app/lib/stack-agent.jar",
                "[0.901s] dev.stackagent.cli.FieldLines source: jar:file:/app/lib/stack-agent.jar!/",
                "[0.902s] dev.stackagent.cli.Main$$Lambda$38/0x00007facec0059c8 source: dev.stackagent.cli.Main",
                "[0.903s] com.example.Absent source: file:/app/lib/gone.jar",
                "[0.904s] dev.stackagent.cli.PlanRenderer source: file:/app/lib/stack-agent.jar",
                ""));

        assertThat(CdsClassLinker.link(log, getClass().getClassLoader())).isEqualTo(2);
    }

    @Test
    void anUnreadableLogLinksNothing() {
        assertThat(CdsClassLinker.link(tmp.resolve("missing.log"), getClass().getClassLoader())).isZero();
    }
}
