package dev.stackagent.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.stackagent.desired.Yaml;
import dev.stackagent.diff.FieldChange;

/** Renders a {@link PlanReport} in the spirit of {@code kubectl diff} / {@code terraform plan}, or as JSON. */
final class PlanRenderer {
    private PlanRenderer() {
    }

    static void text(PlanReport report, PrintWriter out) {
        long create = 0, update = 0, prune = 0, rejected = 0;
        for (PlanReport.StackPlan s : report.stacks()) {
            out.printf("Stack %s (cluster %s, %s)%n", s.stack(), s.cluster(), s.live() ? "compared with the live cluster" : "offline: live state unknown");
            if (s.schedule() != null) {
                out.printf("  schedule: %s%n", s.schedule());
            }
            if (s.error() != null) {
                out.printf("  ! error: %s%n", s.error());
            }
            for (PlanReport.Item i : s.objects()) {
                line(out, i);
            }
            for (PlanReport.Item i : s.nodePools()) {
                line(out, i);
            }
            for (PlanReport.Item i : concat(s)) {
                switch (i.action()) {
                    case "create" -> create++;
                    case "update", "replace" -> update++;
                    case "prune" -> prune++;
                    case "rejected" -> rejected++;
                    default -> { }
                }
            }
            out.println();
        }
        for (String e : report.errors()) {
            out.printf("error: %s%n", e);
        }
        if (report.hasErrors()) { // a rejected stack is not planned: no summary that reads like "nothing to do"
            long failed = report.errors().size() + report.stacks().stream().filter(st -> st.error() != null).count();
            out.printf("No plan: %d error(s); a stack with an error is rejected whole.%n", failed);
        } else {
            out.printf("Plan: %d to create, %d to change, %d to prune%s.%n", create, update, prune,
                    rejected == 0 ? "" : "; " + rejected + " rejected by the API server");
        }
        out.flush();
    }

    private static java.util.List<PlanReport.Item> concat(PlanReport.StackPlan s) {
        java.util.List<PlanReport.Item> all = new java.util.ArrayList<>(s.objects());
        all.addAll(s.nodePools());
        return all;
    }

    private static void line(PrintWriter out, PlanReport.Item i) {
        String sign = switch (i.action()) {
            case "create" -> "+";
            case "update" -> "~";
            case "replace" -> "-/+";
            case "prune" -> "-";
            case "unchanged" -> "=";
            case "rejected" -> "!";
            default -> "?";
        };
        out.printf("  %-3s %s %s%s%n", sign, i.kind(), i.name(),
                "unchanged".equals(i.action()) && i.note() == null ? "" : " (" + i.action() + (i.note() == null ? "" : ": " + i.note()) + ")");
        for (FieldChange c : i.changes()) {
            out.println("        " + FieldLines.line(c));
        }
    }

    static void json(PlanReport report, PrintWriter out) {
        try {
            out.println(Yaml.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
