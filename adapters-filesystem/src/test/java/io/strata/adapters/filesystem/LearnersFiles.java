package io.strata.adapters.filesystem;

import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes learners files for tests, each record as an override of one course. */
final class LearnersFiles {
    private LearnersFiles() {
    }

    static String yaml(List<LearnerRecord> records, String courseKey) {
        var text = new StringBuilder("learners:\n");
        for (var record : records) {
            text.append("  - username: ").append(record.username()).append('\n')
                    .append("    courses:\n")
                    .append("      \"").append(courseKey).append("\":\n")
                    .append("        roles: [").append(roles(record, "")).append("]\n")
                    .append("        groups: {").append(groups(record)).append("}\n");
            record.enrollmentMode().ifPresent(mode -> text.append("        enrollment: ").append(mode).append('\n'));
            if (record.enrollmentMode().isPresent() && !record.isEnrollmentActive()) {
                text.append("        enrollment_active: false\n");
            }
            record.cohort().ifPresent(cohort -> text.append("        cohort: \"").append(cohort).append("\"\n"));
            if (!record.itemBankSelections().isEmpty()) {
                text.append("        selections:\n");
                record.itemBankSelections().forEach((block, children) -> text.append("          \"").append(block)
                        .append("\": [").append(children.stream().map(id -> "\"" + id + "\"")
                                .collect(Collectors.joining(", "))).append("]\n"));
            }
        }
        return text.toString();
    }

    static String json(List<LearnerRecord> records, String courseKey) {
        return records.stream().map(record -> String.format(Locale.ROOT,
                        "{\"username\": \"%s\", \"courses\": {\"%s\": {\"roles\": [%s], \"groups\": {%s}%s%s}}}",
                        record.username(), courseKey, roles(record, "\""), groups(record),
                        record.enrollmentMode().map(mode -> ", \"enrollment\": \"" + mode + "\"").orElse(""),
                        extrasJson(record)))
                .collect(Collectors.joining(",\n", "{\"learners\": [\n", "\n]}\n"));
    }

    private static String extrasJson(LearnerRecord record) {
        var text = new StringBuilder();
        if (record.enrollmentMode().isPresent() && !record.isEnrollmentActive()) {
            text.append(", \"enrollment_active\": false");
        }
        record.cohort().ifPresent(cohort -> text.append(", \"cohort\": \"").append(cohort).append('"'));
        if (!record.itemBankSelections().isEmpty()) {
            text.append(", \"selections\": {").append(record.itemBankSelections().entrySet().stream()
                    .map(entry -> "\"" + entry.getKey() + "\": [" + entry.getValue().stream()
                            .map(id -> "\"" + id + "\"").collect(Collectors.joining(", ")) + "]")
                    .collect(Collectors.joining(", "))).append('}');
        }
        return text.toString();
    }

    private static String roles(LearnerRecord record, String quote) {
        return record.roles().stream().sorted().map(CourseRole::name)
                .map(role -> quote + role.toLowerCase(Locale.ROOT) + quote).collect(Collectors.joining(", "));
    }

    private static String groups(LearnerRecord record) {
        return record.partitionGroups().entrySet().stream()
                .map(group -> "\"" + group.getKey() + "\": " + group.getValue())
                .collect(Collectors.joining(", "));
    }
}
