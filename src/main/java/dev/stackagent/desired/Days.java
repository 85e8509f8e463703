package dev.stackagent.desired;

import java.io.IOException;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/** Days of the week as written in a schedule: {@code Mon}, {@code monday}, ranges {@code Mon-Fri}, {@code weekdays}, {@code daily}. */
public final class Days {
    private Days() {
    }

    public static Set<DayOfWeek> parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a mapping or nested list is not a day"
                    + " (use Mon..Sun, a range like Mon-Fri, weekdays, weekend, daily, or a list of these)");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "weekdays": return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            case "weekend": return EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            case "daily": case "everyday": return EnumSet.allOf(DayOfWeek.class);
            default:
        }
        int dash = t.indexOf('-');
        if (dash > 0) {
            DayOfWeek from = day(t.substring(0, dash), text);
            DayOfWeek to = day(t.substring(dash + 1), text);
            Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                out.add(d);
                if (d == to) break;
            }
            return out;
        }
        return EnumSet.of(day(t, text));
    }

    private static DayOfWeek day(String t, String original) {
        String s = t.trim();
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            if (full.equals(s) || full.substring(0, 3).equals(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + original + "' is not a day (use Mon..Sun, a range like Mon-Fri, weekdays, weekend or daily)");
    }

    public static final class Deserializer extends StdDeserializer<Set<DayOfWeek>> {
        public Deserializer() {
            super(Set.class);
        }

        @Override
        public Set<DayOfWeek> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
            try {
                if (p.currentToken() == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        out.addAll(parse(p.getValueAsString()));
                    }
                } else {
                    out.addAll(parse(p.getValueAsString()));
                }
            } catch (IllegalArgumentException e) {
                return (Set<DayOfWeek>) ctxt.handleWeirdStringValue(Set.class, p.getValueAsString(), e.getMessage());
            }
            return out;
        }
    }
}
