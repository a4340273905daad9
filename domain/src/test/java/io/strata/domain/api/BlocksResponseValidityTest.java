package io.strata.domain.api;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.SourceCourses;
import io.strata.domain.transform.TimeWindow;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the validity window of a response against what the response would be at other times: a
 * response must be the same at every moment of its window, and the window must end where a start,
 * a beta start, a due date or a course end changes it.
 */
class BlocksResponseValidityTest {
    private static final String LMS = "https://lms.example.com";
    private static final long DAY_SECONDS = 86_400;
    private static final Instant COURSE_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant CHAPTER_START = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant UNIT_START = Instant.parse("2026-03-20T12:00:00Z");
    private static final Instant DUE = Instant.parse("2026-03-15T00:00:00Z");
    private static final Instant COURSE_END = Instant.parse("2026-06-01T00:00:00Z");
    private static final int BETA_DAYS = 3;
    private static final TransformerRegistry REGISTRY = TransformerRegistry.standard();
    private static final BlocksApi API = new BlocksApi(REGISTRY);
    private static final BlocksRequest OUTLINE = new BlocksRequest(Optional.empty(), Optional.empty(),
            Optional.of(3), Set.of("children", "due", "start", "has_scheduled_content"), Set.of("problem"),
            ReturnType.DICT, LMS);

    /**
     * Root (beta 3 days early) → "open" chapter (→ "homework" sequential, due and hidden after due,
     * → problem), "soon" chapter starting later (→ sequential → a unit → problem, and a unit starting
     * later still → problem).
     */
    private static BlockStructure course(boolean selfPaced) {
        var root = new HashMap<String, Object>(Map.of("start", COURSE_START, "days_early_for_beta", BETA_DAYS,
                "end", COURSE_END, "self_paced", selfPaced));
        return REGISTRY.collect(SourceCourses.builder()
                .block("course", "root", root)
                .block("chapter", "open", "root")
                .block("sequential", "homework", Map.of("due", DUE, "hide_after_due", true), "open")
                .block("vertical", "hw_unit", "homework")
                .block("problem", "hw_problem", "hw_unit")
                .block("chapter", "soon", Map.of("start", CHAPTER_START), "root")
                .block("sequential", "soon_seq", "soon")
                .block("vertical", "soon_unit", "soon_seq")
                .block("problem", "soon_problem", "soon_unit")
                .block("vertical", "late_unit", Map.of("start", UNIT_START), "soon_seq")
                .block("problem", "late_problem", "late_unit")
                .build());
    }

    private static UserContext learner(Instant now) {
        return UserContext.of(LearnerRecord.learner("ada"), now);
    }

    private static UserContext betaTester(Instant now) {
        return UserContext.of(new LearnerRecord("bea", Set.of(CourseRole.BETA_TESTER), Optional.empty(), Map.of()),
                now);
    }

    private static UserContext staff(Instant now) {
        return UserContext.of(new LearnerRecord("sam", Set.of(CourseRole.STAFF), Optional.empty(), Map.of()), now);
    }

    private static BlocksResponse render(BlockStructure structure, UserContext user) {
        return API.render(structure, OUTLINE, user);
    }

    @Test
    void validity_learnerBeforeChapterStart_endsJustAfterTheStart() {
        var structure = course(false);

        var response = render(structure, learner(NOW));

        // The start rule grants access when now > start: the nanosecond after it.
        assertThat(response.validity().until()).isEqualTo(CHAPTER_START.plusNanos(1));
        assertThat(response.validity().contains(NOW)).isTrue();
        assertThat(ids(response)).doesNotContain("soon");
        assertThat(ids(render(structure, learner(CHAPTER_START.plusNanos(1))))).contains("soon");
    }

    @Test
    void validity_betaTester_endsAtTheBetaStart() {
        var structure = course(false);
        var betaStart = CHAPTER_START.minusSeconds(BETA_DAYS * DAY_SECONDS);

        var response = render(structure, betaTester(NOW));

        assertThat(response.validity().until()).isEqualTo(betaStart.plusNanos(1));
        assertThat(ids(render(structure, betaTester(betaStart.plusNanos(1))))).contains("soon");
        assertThat(ids(render(structure, learner(betaStart.plusNanos(1))))).doesNotContain("soon");
    }

    @Test
    void validity_learnerAfterChapterStartBeforeUnitStart_endsJustAfterTheUnitStart() {
        var structure = course(false);
        var between = CHAPTER_START.plusSeconds(DAY_SECONDS);

        var response = render(structure, learner(between));

        assertThat(response.validity().from()).isEqualTo(CHAPTER_START.plusNanos(1));
        assertThat(response.validity().until()).isEqualTo(DUE);
    }

    @Test
    void validity_hiddenAfterDue_endsAtTheDueDate() {
        var structure = course(false);
        var beforeDue = DUE.minusSeconds(60);

        var response = render(structure, learner(beforeDue));

        assertThat(response.validity().until()).isEqualTo(DUE);
        assertThat(ids(response)).contains("homework");
        assertThat(ids(render(structure, learner(DUE)))).doesNotContain("homework");
    }

    @Test
    void validity_selfPacedCourse_endsAtTheCourseEnd() {
        var structure = course(true);
        var afterUnitStart = UNIT_START.plusSeconds(DAY_SECONDS);

        var response = render(structure, learner(afterUnitStart));

        assertThat(response.validity()).isEqualTo(new TimeWindow(UNIT_START.plusNanos(1), COURSE_END));
        assertThat(ids(response)).contains("homework");
        assertThat(ids(render(structure, learner(COURSE_END)))).doesNotContain("homework");
    }

    @Test
    void validity_staff_isAlways() {
        assertThat(render(course(false), staff(NOW)).validity()).isEqualTo(TimeWindow.ALWAYS);
    }

    @Test
    void validity_afterEveryDate_hasNoEnd() {
        var response = render(course(false), learner(COURSE_END.plusSeconds(DAY_SECONDS)));

        assertThat(response.validity().until()).isEqualTo(Instant.MAX);
    }

    @Test
    void validity_everyUserAndTime_givesTheSameResponseAtEveryProbeInsideTheWindow() {
        var probes = probes();
        List<Function<Instant, UserContext>> users = List.of(BlocksResponseValidityTest::learner,
                BlocksResponseValidityTest::betaTester, BlocksResponseValidityTest::staff, UserContext::anonymous);
        for (boolean selfPaced : new boolean[] {false, true}) {
            var structure = course(selfPaced);
            for (var user : users) {
                for (var at : probes) {
                    var response = render(structure, user.apply(at));
                    assertThat(response.validity().contains(at)).as("window of the request at %s", at).isTrue();
                    for (var other : probes) {
                        if (response.validity().contains(other)) {
                            assertThat(render(structure, user.apply(other)).toJsonValue())
                                    .as("response at %s, inside the window %s of %s", other, response.validity(), at)
                                    .isEqualTo(response.toJsonValue());
                        }
                    }
                }
            }
        }
    }

    /** Returns moments just before, at and just after every date of the course, and between them. */
    private static List<Instant> probes() {
        var dates = new ArrayList<Instant>();
        for (var date : List.of(COURSE_START, CHAPTER_START, UNIT_START, DUE, COURSE_END)) {
            dates.add(date);
            dates.add(date.minusSeconds(BETA_DAYS * DAY_SECONDS));
        }
        var probes = new ArrayList<Instant>();
        for (var date : dates) {
            probes.addAll(List.of(date.minusNanos(1), date, date.plusNanos(1), date.plusSeconds(3600)));
        }
        probes.add(COURSE_START.minusSeconds(30 * DAY_SECONDS));
        return probes;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(BlocksResponse response) {
        return response.blocks().stream().map(block -> ((String) block.get("id"))
                .substring(((String) block.get("id")).lastIndexOf('@') + 1)).toList();
    }
}
