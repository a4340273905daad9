package io.strata.domain.transform.standard;

import io.strata.domain.transform.TransformView;
import io.strata.domain.transform.UserContext;
import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the users and reads the views the transformer tests share. */
final class Learners {
    private Learners() {
    }

    /** Returns a learner enrolled in the mode, with the partition groups. */
    static UserContext enrolled(String username, String mode, Map<Long, Long> groups, Instant now) {
        return UserContext.of(new LearnerRecord(username, Set.of(), Optional.of(mode), true, Optional.empty(), groups,
                Map.of()), now);
    }

    /** Returns a staff user. */
    static UserContext staff(Instant now) {
        return UserContext.of(new LearnerRecord("staff", Set.of(CourseRole.STAFF), Optional.empty(), Map.of()), now);
    }

    /** Returns the ids of the view's blocks in pre-order. */
    static List<String> visibleIds(TransformView view) {
        return Arrays.stream(view.preOrder()).mapToObj(block -> view.key(block).id()).toList();
    }

    /** Returns the ids of the block's kept children in order. */
    static List<String> childIds(TransformView view, String id) {
        for (int block : view.preOrder()) {
            if (view.key(block).id().equals(id)) {
                return Arrays.stream(view.children(block)).mapToObj(child -> view.key(child).id()).toList();
            }
        }
        throw new AssertionError("No kept block " + id);
    }
}
