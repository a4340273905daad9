package io.strata.domain.transform.standard;

import io.strata.domain.transform.UserContext;
import io.strata.ports.LearnerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

import static java.util.Objects.requireNonNull;

/**
 * Is one user partition of a course (Open edX's {@code UserPartition}): an id, a name, the scheme
 * that puts users in groups, and the groups.
 *
 * <p>Schemes: {@code cohort} (the learner source gives the group of the user's cohort),
 * {@code random} (the group the learner source gives, else one derived from the username and the
 * partition id, so that it is stable without a store), {@link #ENROLLMENT_TRACK_SCHEME} (the group
 * of the user's active enrollment mode), and any other (the group the learner source gives). Only
 * the enrollment-track partition has an access-denied message: a learner in another track keeps
 * the block, marked with the reason and the message, instead of losing it.
 *
 * @param id the partition id
 * @param name the partition name
 * @param scheme the scheme name
 * @param groups the partition's groups in order
 */
public record UserPartition(long id, String name, String scheme, List<Group> groups) {
    /** Is the id of Open edX's enrollment-track partition, built from the course modes. */
    public static final long ENROLLMENT_TRACK_ID = 50;
    /** Names the enrollment-track scheme. */
    public static final String ENROLLMENT_TRACK_SCHEME = "enrollment_track";
    /** Names the random scheme of content experiments. */
    public static final String RANDOM_SCHEME = "random";

    // Open edX's settings.COURSE_ENROLLMENT_MODES gives each mode a fixed id below 100.
    private static final Map<String, Long> MODE_IDS = modeIds();

    public UserPartition {
        requireNonNull(name, "name is null");
        requireNonNull(scheme, "scheme is null");
        groups = List.copyOf(requireNonNull(groups, "groups is null"));
    }

    /** Is one group of a partition. */
    public record Group(long id, String name) {
        public Group {
            requireNonNull(name, "name is null");
        }
    }

    /** Returns the enrollment-track partition, with one group per known enrollment mode. */
    public static UserPartition enrollmentTrack() {
        var groups = new ArrayList<Group>();
        MODE_IDS.forEach((mode, id) -> groups.add(new Group(id, mode)));
        return new UserPartition(ENROLLMENT_TRACK_ID, "Enrollment Track Groups", ENROLLMENT_TRACK_SCHEME, groups);
    }

    /** Returns whether a learner outside the allowed groups keeps the block with a message. */
    public boolean hasAccessDeniedMessage() {
        return ENROLLMENT_TRACK_SCHEME.equals(scheme);
    }

    /** Returns the message shown on a block this partition denies, naming the allowed groups. */
    public String accessDeniedMessage(List<Long> allowedGroups) {
        var names = new ArrayList<String>();
        for (long group : allowedGroups) {
            names.add(groups.stream().filter(g -> g.id() == group).map(Group::name).findFirst()
                    .orElse(String.valueOf(group)));
        }
        return String.format(Locale.ROOT, "This content is available to learners in the %s track%s.",
                String.join(" or ", names), names.size() > 1 ? "s" : "");
    }

    /**
     * Returns the id of the user's group in this partition, or empty when the user is in none
     * (anonymous users are in none).
     */
    public Optional<Long> groupOf(UserContext user) {
        if (user.learner().isEmpty()) {
            return Optional.empty();
        }
        LearnerRecord learner = user.learner().get();
        var given = learner.partitionGroups().get(id);
        if (given != null) {
            return Optional.of(given);
        }
        if (ENROLLMENT_TRACK_SCHEME.equals(scheme)) {
            return learner.activeEnrollmentMode().map(mode -> MODE_IDS.get(mode.toLowerCase(Locale.ROOT)));
        }
        if (RANDOM_SCHEME.equals(scheme) && !groups.isEmpty()) {
            var crc = new CRC32C();
            crc.update((learner.username() + "\n" + id).getBytes(StandardCharsets.UTF_8));
            return Optional.of(groups.get((int) (crc.getValue() % groups.size())).id());
        }
        return Optional.empty();
    }

    /** Returns the partition as field values, for recording in a collected structure. */
    Map<String, Object> toFieldValue() {
        var value = new LinkedHashMap<String, Object>();
        value.put("id", id);
        value.put("name", name);
        value.put("scheme", scheme);
        var groupValues = new ArrayList<Map<String, Object>>();
        for (var group : groups) {
            // Ordered, so that equal courses give equal encoded bytes in every JVM.
            var groupValue = new LinkedHashMap<String, Object>();
            groupValue.put("id", group.id());
            groupValue.put("name", group.name());
            groupValues.add(groupValue);
        }
        value.put("groups", groupValues);
        return value;
    }

    /** Returns the partition a recorded field value holds. */
    static UserPartition fromFieldValue(Object value) {
        var map = (Map<?, ?>) value;
        var groups = new ArrayList<Group>();
        for (var group : (List<?>) map.get("groups")) {
            var groupMap = (Map<?, ?>) group;
            groups.add(new Group(((Number) groupMap.get("id")).longValue(), (String) groupMap.get("name")));
        }
        return new UserPartition(((Number) map.get("id")).longValue(), (String) map.get("name"),
                (String) map.get("scheme"), groups);
    }

    private static Map<String, Long> modeIds() {
        var ids = new LinkedHashMap<String, Long>();
        var modes = List.of("audit", "verified", "professional", "no-id-professional", "credit", "honor", "masters",
                "executive-education", "paid-executive-education", "unpaid-executive-education", "paid-bootcamp",
                "unpaid-bootcamp");
        for (int i = 0; i < modes.size(); i++) {
            ids.put(modes.get(i), i + 1L);
        }
        return ids;
    }
}
