package dev.stackagent.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The hold-until-the-write-ends protocol, without a cluster: every step is a direct call. */
class OwnWritesTest {
    private final OwnWrites own = new OwnWrites();
    private final List<String> reported = new ArrayList<>();

    private void event(String name, String version) {
        own.observe("ConfigMap", "llm", name, version, () -> reported.add(name + "@" + version));
    }

    @Test
    void anEventWithNoWriteInFlightIsReportedAtOnce() {
        event("cm", "5");
        assertThat(reported).containsExactly("cm@5");
    }

    @Test
    void theEchoOfARecordedWriteIsDroppedWhicheverComesFirst() {
        own.begin("ConfigMap", "llm", "cm");
        event("cm", "7"); // the echo arrives before the write returns: held
        assertThat(reported).isEmpty();
        own.record("ConfigMap", "llm", "cm", "7");
        event("cm", "7"); // a second delivery after the record (a re-list): dropped too
        assertThat(reported).isEmpty();
        assertThat(own.writing("ConfigMap", "llm", "cm")).isFalse();
    }

    @Test
    void heldEventsNewerThanTheWrittenVersionAreReportedOlderOnesDropped() {
        own.begin("ConfigMap", "llm", "cm");
        event("cm", "6"); // the state the conditional write was based on
        event("cm", "7"); // the write's echo
        event("cm", "8"); // someone else, after the agent
        own.record("ConfigMap", "llm", "cm", "7");
        assertThat(reported).containsExactly("cm@8");
        event("cm", "9");
        assertThat(reported).containsExactly("cm@8", "cm@9");
    }

    @Test
    void aFailedWriteReportsItsHeldEvents() {
        own.begin("ConfigMap", "llm", "cm");
        event("cm", "7");
        event("cm", "8");
        own.abort("ConfigMap", "llm", "cm");
        assertThat(reported).containsExactly("cm@7", "cm@8");
        assertThat(own.writing("ConfigMap", "llm", "cm")).isFalse();
    }

    @Test
    void eventsOnOtherObjectsAreNeverHeld() {
        own.begin("ConfigMap", "llm", "cm");
        event("other", "7");
        own.observe("Secret", "llm", "cm", "7", () -> reported.add("secret"));
        own.observe("ConfigMap", "other-ns", "cm", "7", () -> reported.add("other-ns"));
        assertThat(reported).containsExactly("other@7", "secret", "other-ns");
    }

    @Test
    void overlappingWritesHoldUntilTheLastEnds() {
        own.begin("ConfigMap", "llm", "cm");
        own.begin("ConfigMap", "llm", "cm");
        event("cm", "9");
        own.record("ConfigMap", "llm", "cm", "9"); // recorded out of order: the newest version is kept
        assertThat(reported).isEmpty();
        own.record("ConfigMap", "llm", "cm", "8");
        assertThat(reported).isEmpty();
        event("cm", "9");
        event("cm", "10");
        assertThat(reported).containsExactly("cm@10");
    }

    @Test
    void holdingIsBoundedPerObject() {
        own.begin("ConfigMap", "llm", "cm");
        for (int v = 1; v <= OwnWrites.MAX_HELD_PER_OBJECT + 2; v++) {
            event("cm", String.valueOf(100 + v));
        }
        assertThat(reported).hasSize(2); // past the bound, events are reported at once (an extra sync, never a lost one)
        own.abort("ConfigMap", "llm", "cm");
        assertThat(reported).hasSize(OwnWrites.MAX_HELD_PER_OBJECT + 2);
    }

    @Test
    void anEndWithoutABeginIsHarmless() {
        own.abort("ConfigMap", "llm", "cm");
        own.record("ConfigMap", "llm", "cm", "3");
        event("cm", "3");
        event("cm", "4");
        assertThat(reported).containsExactly("cm@4");
        assertThat(own.writing("ConfigMap", "llm", "cm")).isFalse();
    }

    @Test
    void versionsCompareAsNumbersOnlyWhenBothAreNumbers() {
        assertThat(OwnWrites.covers("10", "10")).isTrue();
        assertThat(OwnWrites.covers("10", "9")).isTrue();
        assertThat(OwnWrites.covers("10", "11")).isFalse();
        assertThat(OwnWrites.covers("abc", "abc")).isTrue();
        assertThat(OwnWrites.covers("abc", "9")).isFalse();
        assertThat(OwnWrites.covers(null, "9")).isFalse();
        assertThat(OwnWrites.covers("9", null)).isFalse();
    }
}
