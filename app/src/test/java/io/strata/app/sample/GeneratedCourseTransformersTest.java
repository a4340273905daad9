package io.strata.app.sample;

import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.app.sample.ExpectedOutline.Learner;
import io.strata.app.sample.ExpectedOutline.Outline;
import io.strata.domain.key.UsageKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.TransformOptions;
import io.strata.domain.transform.TransformView;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.domain.transform.standard.StartDateTransformer;
import io.strata.domain.transform.standard.UserPartitionTransformer;
import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the standard per-learner pipeline on a generated course that has every rule's content
 * (start dates, a beta period, staff-only and verified-only units, hide-after-due sequentials, split
 * tests, item banks, a block with two parents) and checks each view against {@link ExpectedOutline},
 * which reads the course's XML on its own.
 */
class GeneratedCourseTransformersTest {
    /** Is a moment when 35 weekly chapters have started and the 36th is open to beta testers. */
    private static final Instant MID_COURSE = Instant.parse("2026-09-01T12:00:00Z");
    private static final Instant NEXT_YEAR = Instant.parse("2027-05-20T08:00:00Z");
    private static final TransformerRegistry REGISTRY = TransformerRegistry.standard();

    @TempDir
    static Path folder;

    private static String courseKey;
    private static BlockStructure structure;
    private static ExpectedOutline expected;
    private static long experiment;

    @BeforeAll
    static void generateCollectAndReadOnce() {
        var generated = SampleCourseGenerator.generate(5_000, 3, folder.resolve("course"));
        courseKey = generated.courseKey();
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(generated.folder()));
        structure = REGISTRY.collect(source.read(courseKey));
        expected = ExpectedOutline.read(generated.folder());
        experiment = expected.partitions().keySet().stream().filter(id -> id != ExpectedOutline.ENROLLMENT_TRACK)
                .findFirst().orElseThrow();
    }

    /** Names the learner profiles: who they are and which API version they ask. */
    enum Profile {
        STAFF, AUDIT_V2, AUDIT_V1, VERIFIED, BETA_TESTER, OTHER_GROUP_V1
    }

    static Stream<Arguments> profilesAndMoments() {
        return Stream.of(Profile.values()).flatMap(profile -> Stream.of(MID_COURSE, NEXT_YEAR)
                .map(now -> Arguments.of(profile, now)));
    }

    @ParameterizedTest
    @MethodSource("profilesAndMoments")
    void transform_generatedCourse_showsWhatTheXmlGivesTheLearner(Profile profile, Instant now) {
        var learner = learner(profile);

        var view = transform(profile, learner, now);

        var want = expected.outline(learner, now);
        var got = outlineOf(view);
        assertThat(got.blocks()).as("blocks shown to %s at %s", profile, now)
                .containsExactlyInAnyOrderElementsOf(want.blocks());
        assertThat(got.denied()).as("blocks shown to %s as denied", profile)
                .containsExactlyInAnyOrderElementsOf(want.denied());
        assertThat(got.hasScheduledContent()).as("has_scheduled_content for %s", profile)
                .isEqualTo(want.hasScheduledContent());
    }

    @Test
    void startDate_chaptersAfterNow_hiddenFromLearnersShownToStaffAndToBetaTestersAWeekEarly() {
        var audit = shown(Profile.AUDIT_V2, MID_COURSE);
        var beta = shown(Profile.BETA_TESTER, MID_COURSE);
        var staff = shown(Profile.STAFF, MID_COURSE);

        var unstarted = blocksWhere("chapter", block -> !startOf(block).isBefore(MID_COURSE));
        var betaOnly = blocksWhere("chapter", block -> startOf(block).isAfter(MID_COURSE)
                && startOf(block).minusSeconds(7 * 86_400).isBefore(MID_COURSE));
        assertThat(unstarted).hasSizeGreaterThan(5);
        assertThat(betaOnly).hasSize(1);
        assertThat(audit).doesNotContainAnyElementsOf(unstarted);
        assertThat(beta).containsAll(betaOnly).doesNotContainAnyElementsOf(minus(unstarted, betaOnly));
        assertThat(staff).containsAll(unstarted);
        assertThat(outlineOf(transform(Profile.AUDIT_V2, learner(Profile.AUDIT_V2), MID_COURSE))
                .hasScheduledContent()).isTrue();
    }

    @Test
    void startDate_sequentialsStartingIn2099_hiddenFromLearnersInStartedChapters() {
        var audit = shown(Profile.AUDIT_V2, NEXT_YEAR);

        var farFuture = blocksWhere("sequential", block -> expected.attribute(block, "start").isPresent());

        assertThat(farFuture).isNotEmpty();
        assertThat(audit).doesNotContainAnyElementsOf(farFuture);
        assertThat(farFuture).anyMatch(block -> audit.contains(expected.parents(block).get(0)));
        assertThat(shown(Profile.STAFF, NEXT_YEAR)).containsAll(farFuture);
    }

    @Test
    void staffOnly_units_hiddenFromLearnersShownToStaff() {
        var staffOnly = blocksWhere("vertical", block -> expected.attribute(block, "visible_to_staff_only")
                .isPresent() && !expected.children(block).isEmpty());

        assertThat(staffOnly).isNotEmpty();
        assertThat(shown(Profile.STAFF, NEXT_YEAR)).containsAll(staffOnly);
        assertThat(shown(Profile.VERIFIED, NEXT_YEAR)).doesNotContainAnyElementsOf(staffOnly);
    }

    @Test
    void hideAfterDue_sequentialsPastDue_hiddenFromLearnersUntilThen() {
        var hidden = blocksWhere("sequential", block -> expected.attribute(block, "hide_after_due").isPresent()
                && expected.attribute(block, "start").isEmpty());
        var pastDue = minus(hidden, blocksWhere("sequential", block -> !dueOf(block).isBefore(MID_COURSE)));
        var startedChapters = blocksWhere("chapter", block -> startOf(block).isBefore(MID_COURSE));

        var audit = shown(Profile.AUDIT_V2, MID_COURSE);
        var notYetDue = minus(hidden, pastDue).stream()
                .filter(block -> startedChapters.contains(expected.parents(block).get(0))).toList();
        assertThat(pastDue).isNotEmpty();
        assertThat(notYetDue).isNotEmpty();
        assertThat(audit).doesNotContainAnyElementsOf(pastDue);
        assertThat(audit).containsAll(notYetDue);
        assertThat(shown(Profile.STAFF, MID_COURSE)).containsAll(pastDue);
    }

    @Test
    void enrollmentTrack_verifiedOnlyUnits_deniedInV2DroppedInV1ShownToVerified() {
        var verifiedOnly = blocksWhere("vertical", block -> expected.attribute(block, "group_access").isPresent()
                && expected.children(block).stream().noneMatch(child -> ExpectedOutline.type(child)
                        .equals("split_test")));
        var view = transform(Profile.AUDIT_V2, learner(Profile.AUDIT_V2), NEXT_YEAR);
        var auditV2 = outlineOf(view);
        var shownVerifiedOnly = verifiedOnly.stream().filter(auditV2.blocks()::contains).toList();

        assertThat(shownVerifiedOnly).isNotEmpty();
        assertThat(auditV2.denied()).containsAll(shownVerifiedOnly);
        int unit = structure.indexOf(UsageKey.parse(usageKey(shownVerifiedOnly.get(0))))
                .orElseThrow();
        assertThat(view.field(unit, UserPartitionTransformer.DENIAL_REASON)).isEqualTo("Enrollment Track Groups");
        assertThat(view.field(unit, UserPartitionTransformer.DENIAL_MESSAGE))
                .isEqualTo("This content is available to learners in the verified track.");
        assertThat(shown(Profile.AUDIT_V1, NEXT_YEAR)).doesNotContainAnyElementsOf(verifiedOnly);
        var verified = outlineOf(transform(Profile.VERIFIED, learner(Profile.VERIFIED), NEXT_YEAR));
        assertThat(verified.blocks()).containsAll(shownVerifiedOnly);
        assertThat(verified.denied()).doesNotContainAnyElementsOf(verifiedOnly);
    }

    @Test
    void splitTest_eachLearnerSeesTheChildOfTheirGroupAndNoSplitTest() {
        var splitTests = blocksWhere("split_test", block -> true);
        var firstGroup = shown(Profile.AUDIT_V2, NEXT_YEAR);
        var secondGroup = shown(Profile.OTHER_GROUP_V1, NEXT_YEAR);

        var shownSplits = splitTests.stream().filter(split -> firstGroup.contains(expected.parents(split).get(0)))
                .toList();
        assertThat(shownSplits).isNotEmpty();
        for (var split : shownSplits) {
            var children = expected.children(split);
            assertThat(firstGroup).as("children of %s", split).contains(children.get(0))
                    .doesNotContain(children.get(1), split);
            assertThat(secondGroup).as("children of %s", split).contains(children.get(1))
                    .doesNotContain(children.get(0), split);
        }
        assertThat(shown(Profile.STAFF, NEXT_YEAR)).containsAll(expected.children(shownSplits.get(0)))
                .doesNotContainAnyElementsOf(splitTests);
    }

    @Test
    void itemBank_savedSelection_showsExactlyTheSavedChild() {
        var banks = blocksWhere("library_content", block -> true);
        var audit = shown(Profile.AUDIT_V2, NEXT_YEAR);
        var saved = learner(Profile.AUDIT_V2).selections();

        var shownBanks = banks.stream().filter(audit::contains).toList();
        assertThat(shownBanks).isNotEmpty();
        for (var bank : shownBanks) {
            assertThat(expected.children(bank).stream().filter(audit::contains))
                    .as("children of %s", bank).containsExactly(saved.get(bank));
        }
    }

    @Test
    void itemBank_nothingSaved_showsOneChildSameOnEveryRequest() {
        var user = UserContext.of(new LearnerRecord("nobody_saved", Set.of(), Optional.of("audit"), true,
                Optional.empty(), Map.of(experiment, 501L), Map.of()), NEXT_YEAR);

        var first = outlineOf(REGISTRY.transform(structure, user)).blocks();
        var second = outlineOf(REGISTRY.transform(structure, user)).blocks();

        assertThat(second).isEqualTo(first);
        var shownBanks = blocksWhere("library_content", first::contains);
        assertThat(shownBanks).isNotEmpty();
        for (var bank : shownBanks) {
            assertThat(expected.children(bank).stream().filter(first::contains)).as("children of %s", bank)
                    .hasSize(1);
        }
    }

    @Test
    void multipleParents_sharedBlock_shownWhileOneParentIsShown() {
        var shared = expected.blocks().stream().filter(block -> expected.parents(block).size() > 1).toList();
        var audit = shown(Profile.AUDIT_V2, NEXT_YEAR);

        assertThat(shared).isNotEmpty();
        for (var block : shared) {
            boolean anyParentShown = expected.parents(block).stream().anyMatch(audit::contains);
            assertThat(audit.contains(block)).as("block %s", block).isEqualTo(anyParentShown);
        }
    }

    private static Learner learner(Profile profile) {
        return switch (profile) {
            case STAFF -> learner(profile, true, false, "audit", 501, false);
            case AUDIT_V2 -> learner(profile, false, false, "audit", 501, false);
            case AUDIT_V1 -> learner(profile, false, false, "audit", 501, true);
            case VERIFIED -> learner(profile, false, false, "verified", 502, false);
            case BETA_TESTER -> learner(profile, false, true, "audit", 501, false);
            case OTHER_GROUP_V1 -> learner(profile, false, false, "verified", 502, true);
        };
    }

    /** Returns a learner whose saved selection in each item bank is a child picked from the name. */
    private static Learner learner(Profile profile, boolean isStaff, boolean isBetaTester, String mode, long group,
            boolean hidesDenials) {
        var selections = new HashMap<String, String>();
        for (var bank : blocksWhere("library_content", block -> true)) {
            var children = expected.children(bank);
            selections.put(bank, children.get(Math.floorMod((profile.name() + bank).hashCode(), children.size())));
        }
        return new Learner(isStaff, isBetaTester, mode, Map.of(experiment, group), selections, hidesDenials);
    }

    private static TransformView transform(Profile profile, Learner learner, Instant now) {
        var roles = new HashSet<CourseRole>();
        if (learner.isStaff()) {
            roles.add(CourseRole.STAFF);
        }
        if (learner.isBetaTester()) {
            roles.add(CourseRole.BETA_TESTER);
        }
        var saved = new HashMap<String, List<String>>();
        learner.selections().forEach((bank, child) -> saved.put(usageKey(bank), List.of(usageKey(child))));
        var record = new LearnerRecord(profile.name().toLowerCase(Locale.ROOT), roles,
                Optional.of(learner.mode()), true, Optional.empty(), learner.groups(), saved);
        var options = TransformOptions.none().withHidesAccessDenials(learner.hidesDenials());
        return REGISTRY.transform(structure, UserContext.of(record, now), options);
    }

    private static Set<String> shown(Profile profile, Instant now) {
        return outlineOf(transform(profile, learner(profile), now)).blocks();
    }

    private static Outline outlineOf(TransformView view) {
        var blocks = new HashSet<String>();
        var denied = new HashSet<String>();
        for (int block : view.preOrder()) {
            var name = view.key(block).type() + "@" + view.key(block).id();
            blocks.add(name);
            if (view.field(block, UserPartitionTransformer.DENIAL_REASON) != null) {
                denied.add(name);
            }
        }
        var scheduled = Boolean.TRUE.equals(view.data(view.root(), StartDateTransformer.HAS_SCHEDULED_CONTENT));
        return new Outline(blocks, denied, scheduled);
    }

    private static String usageKey(String block) {
        return courseKey.replace("course-v1:", "block-v1:") + "+type@" + ExpectedOutline.type(block) + "+block@"
                + block.substring(block.indexOf('@') + 1);
    }

    private static List<String> blocksWhere(String type, Predicate<String> condition) {
        return expected.blocks().stream().filter(block -> ExpectedOutline.type(block).equals(type))
                .filter(condition).toList();
    }

    private static List<String> minus(List<String> blocks, List<String> removed) {
        return blocks.stream().filter(block -> !removed.contains(block)).toList();
    }

    private static Instant startOf(String block) {
        return Instant.parse(expected.attribute(block, "start").orElseThrow().replace("\"", ""));
    }

    private static Instant dueOf(String block) {
        return expected.attribute(block, "due").map(due -> Instant.parse(due.replace("\"", ""))).orElse(Instant.MAX);
    }
}
