package dev.stackagent.schedule;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.stackagent.desired.ScheduleSpec.Window;

/** Human text for a window, as used in decision reasons: {@code Mon-Fri 07:00-19:00}, {@code daily 22:00-06:00}. */
final class WindowLabel {
    private WindowLabel() {
    }

    static String of(Window w) {
        return days(w.days()) + " " + w.from() + "-" + w.to();
    }

    static String days(Set<DayOfWeek> days) {
        if (days == null || days.isEmpty()) {
            return "no days";
        }
        if (days.size() == 7) {
            return "daily";
        }
        List<String> parts = new ArrayList<>();
        DayOfWeek[] all = DayOfWeek.values();
        int i = 0;
        while (i < all.length) {
            if (!days.contains(all[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < all.length && days.contains(all[j + 1])) {
                j++;
            }
            parts.add(j == i ? name(all[i]) : name(all[i]) + "-" + name(all[j]));
            i = j + 1;
        }
        return String.join(",", parts);
    }

    private static String name(DayOfWeek d) {
        return d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }
}
