package io.strata.domain.transform;

import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class UserContextTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void of_learnerWithRoles_takesNameAndRoles() {
        var record = new LearnerRecord("ada", Set.of(CourseRole.INSTRUCTOR, CourseRole.BETA_TESTER),
                Optional.of("verified"), Map.of());

        var user = UserContext.of(record, NOW);

        assertThat(user.username()).hasValue("ada");
        assertThat(user.learner()).hasValue(record);
        assertThat(user.isStaff()).isTrue();
        assertThat(user.isBetaTester()).isTrue();
        assertThat(user.seesEverything()).isTrue();
        assertThat(user.now()).isEqualTo(NOW);
    }

    @Test
    void anonymous_noUser_seesOnlyWhatLearnersSee() {
        var user = UserContext.anonymous(NOW);

        assertThat(user.username()).isEmpty();
        assertThat(user.learner()).isEmpty();
        assertThat(user.seesEverything()).isFalse();
    }

    @Test
    void allBlocks_noUser_seesEverything() {
        var user = UserContext.allBlocks(NOW);

        assertThat(user.isAllBlocks()).isTrue();
        assertThat(user.isStaff()).isFalse();
        assertThat(user.seesEverything()).isTrue();
    }
}
