package io.strata.testkit;

import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;
import io.strata.ports.LearnerSource;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Holds the behaviour every {@link LearnerSource} must show. An adapter's test extends it and
 * builds, from {@link #createSource}, a source that knows exactly the given users, each holding
 * the given record in the given course and nothing in any other course.
 */
public abstract class LearnerSourceContractTest {
    /** Is the course whose records a test passes to {@link #createSource}. */
    protected static final String COURSE_KEY = "course-v1:StrataContract+Learners+Run";
    /** Is an item-bank block of the course, and two of its children. */
    protected static final String BANK = "block-v1:StrataContract+Learners+Run+type@library_content+block@bank";
    protected static final String CHILD_A = "block-v1:StrataContract+Learners+Run+type@problem+block@a";
    protected static final String CHILD_B = "block-v1:StrataContract+Learners+Run+type@problem+block@b";
    /** Is a course in which no test user holds anything. */
    protected static final String OTHER_COURSE_KEY = "course-v1:StrataContract+Other+Run";

    /**
     * Returns a source that knows exactly the users of the records, each holding its record in
     * the course and no role, enrollment or group in any other course.
     */
    protected abstract LearnerSource createSource(List<LearnerRecord> records, String courseKey);

    @Test
    void describe_always_isNotBlank() {
        var source = createSource(List.of(), COURSE_KEY);

        assertThat(source.describe()).isNotBlank();
    }

    @Test
    void find_unknownUser_returnsEmpty() {
        var source = createSource(List.of(LearnerRecord.learner("alice")), COURSE_KEY);

        assertThat(source.find("mallory", COURSE_KEY)).isEmpty();
    }

    @Test
    void find_noUsers_returnsEmpty() {
        var source = createSource(List.of(), COURSE_KEY);

        assertThat(source.find("alice", COURSE_KEY)).isEmpty();
    }

    @Test
    void find_plainLearner_returnsRecordWithNothing() {
        var source = createSource(List.of(LearnerRecord.learner("alice")), COURSE_KEY);

        assertThat(source.find("alice", COURSE_KEY)).contains(LearnerRecord.learner("alice"));
    }

    @Test
    void find_staff_returnsStaffRole() {
        var staff = record("sam", Set.of(CourseRole.STAFF), Optional.empty(), Map.of());
        var source = createSource(List.of(staff), COURSE_KEY);

        var found = source.find("sam", COURSE_KEY);

        assertThat(found).contains(staff);
        assertThat(found).hasValueSatisfying(record -> assertThat(record.isStaff()).isTrue());
    }

    @Test
    void find_instructor_isStaff() {
        var instructor = record("ida", Set.of(CourseRole.INSTRUCTOR), Optional.empty(), Map.of());
        var source = createSource(List.of(instructor), COURSE_KEY);

        assertThat(source.find("ida", COURSE_KEY)).hasValueSatisfying(
                record -> assertThat(record.isStaff()).isTrue());
    }

    @Test
    void find_betaTester_returnsBetaTesterRole() {
        var tester = record("bea", Set.of(CourseRole.BETA_TESTER), Optional.of("audit"), Map.of());
        var source = createSource(List.of(tester), COURSE_KEY);

        var found = source.find("bea", COURSE_KEY);

        assertThat(found).contains(tester);
        assertThat(found).hasValueSatisfying(record -> {
            assertThat(record.isBetaTester()).isTrue();
            assertThat(record.isStaff()).isFalse();
        });
    }

    @Test
    void find_enrolledLearner_returnsEnrollmentMode() {
        var verified = record("vic", Set.of(), Optional.of("verified"), Map.of());
        var source = createSource(List.of(verified), COURSE_KEY);

        assertThat(source.find("vic", COURSE_KEY)).hasValueSatisfying(
                record -> assertThat(record.enrollmentMode()).contains("verified"));
    }

    @Test
    void find_learnerInGroups_returnsPartitionGroups() {
        var grouped = record("gus", Set.of(), Optional.of("audit"), Map.of(50L, 2L, 1_234_567_890_123L, 7L));
        var source = createSource(List.of(grouped), COURSE_KEY);

        assertThat(source.find("gus", COURSE_KEY)).hasValueSatisfying(
                record -> assertThat(record.partitionGroups()).isEqualTo(Map.of(50L, 2L, 1_234_567_890_123L, 7L)));
    }

    @Test
    void find_severalUsers_returnsEachOwnRecord() {
        var staff = record("sam", Set.of(CourseRole.STAFF), Optional.empty(), Map.of());
        var verified = record("vic", Set.of(), Optional.of("verified"), Map.of(50L, 1L));
        var source = createSource(List.of(staff, verified), COURSE_KEY);

        assertThat(source.find("sam", COURSE_KEY)).contains(staff);
        assertThat(source.find("vic", COURSE_KEY)).contains(verified);
    }

    @Test
    void find_knownUserInOtherCourse_returnsRecordWithNothing() {
        var staff = record("sam", Set.of(CourseRole.STAFF), Optional.of("verified"), Map.of(50L, 1L));
        var source = createSource(List.of(staff), COURSE_KEY);

        assertThat(source.find("sam", OTHER_COURSE_KEY)).contains(LearnerRecord.learner("sam"));
    }

    @Test
    void find_inactiveEnrollment_returnsModeWithoutActiveTrack() {
        var inactive = new LearnerRecord("ina", Set.of(), Optional.of("verified"), false, Optional.empty(), Map.of(),
                Map.of());
        var source = createSource(List.of(inactive), COURSE_KEY);

        var found = source.find("ina", COURSE_KEY);

        assertThat(found).contains(inactive);
        assertThat(found).hasValueSatisfying(record -> assertThat(record.activeEnrollmentMode()).isEmpty());
    }

    @Test
    void find_learnerInCohort_returnsCohort() {
        var cohorted = new LearnerRecord("coh", Set.of(), Optional.of("audit"), true, Optional.of("Cohort A"),
                Map.of(18_587_404L, 1_819_362_822L), Map.of());
        var source = createSource(List.of(cohorted), COURSE_KEY);

        assertThat(source.find("coh", COURSE_KEY)).contains(cohorted);
    }

    @Test
    void loadSelections_selectionsInRecord_returnsThemInOrder() {
        var selections = Map.of(BANK, List.of(CHILD_B, CHILD_A));
        var learner = LearnerRecord.learner("sel").withItemBankSelections(selections);
        var source = createSource(List.of(learner), COURSE_KEY);

        assertThat(source.loadSelections("sel", COURSE_KEY)).isEqualTo(selections);
        assertThat(source.find("sel", COURSE_KEY)).hasValueSatisfying(
                record -> assertThat(record.itemBankSelections()).isEqualTo(selections));
    }

    @Test
    void loadSelections_unknownUser_returnsEmpty() {
        var source = createSource(List.of(LearnerRecord.learner("alice")), COURSE_KEY);

        assertThat(source.loadSelections("mallory", COURSE_KEY)).isEmpty();
    }

    @Test
    void saveSelection_savingSource_findReturnsSavedSelection() {
        var source = createSource(List.of(LearnerRecord.learner("alice")), COURSE_KEY);
        assertThat(source.isSavingSelections()).isEqualTo(savesSelections());
        if (!savesSelections()) {
            assertThatThrownBy(() -> source.saveSelection("alice", COURSE_KEY, BANK, List.of(CHILD_A)))
                    .isInstanceOf(UnsupportedOperationException.class);
            return;
        }

        source.saveSelection("alice", COURSE_KEY, BANK, List.of(CHILD_B, CHILD_A));
        source.saveSelection("alice", COURSE_KEY, BANK, List.of(CHILD_A));

        assertThat(source.loadSelections("alice", COURSE_KEY)).isEqualTo(Map.of(BANK, List.of(CHILD_A)));
        assertThat(source.find("alice", COURSE_KEY)).hasValueSatisfying(
                record -> assertThat(record.itemBankSelections()).isEqualTo(Map.of(BANK, List.of(CHILD_A))));
        assertThat(source.loadSelections("alice", OTHER_COURSE_KEY)).isEmpty();
    }

    /** Returns whether the source under test saves item-bank selections (its capability). */
    protected boolean savesSelections() {
        return true;
    }

    @Test
    void find_nullUsername_throwsNullPointer() {
        var source = createSource(List.of(), COURSE_KEY);

        assertThatThrownBy(() -> source.find(null, COURSE_KEY)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void find_nullCourseKey_throwsNullPointer() {
        var source = createSource(List.of(LearnerRecord.learner("alice")), COURSE_KEY);

        assertThatThrownBy(() -> source.find("alice", null)).isInstanceOf(NullPointerException.class);
    }

    private static LearnerRecord record(String username, Set<CourseRole> roles, Optional<String> enrollmentMode,
            Map<Long, Long> partitionGroups) {
        return new LearnerRecord(username, roles, enrollmentMode, partitionGroups);
    }
}
