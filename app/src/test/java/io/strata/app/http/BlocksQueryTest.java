package io.strata.app.http;

import io.strata.domain.api.BlocksApiVersion;
import io.strata.domain.api.ReturnType;
import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlocksQueryTest {
    private static final String COURSE = "course-v1:Org+Num+Run";

    @Test
    void parse_onlyCourseAndUsername_givesOpenEdxDefaults() {
        var query = parse("course_id", COURSE, "username", "learner");

        assertThat(query.course()).isEqualTo(CourseKey.parse(COURSE));
        assertThat(query.startBlock()).isEmpty();
        assertThat(query.username()).contains("learner");
        assertThat(query.isAllBlocks()).isFalse();
        assertThat(query.depth()).contains(0);
        assertThat(query.navDepth()).isEmpty();
        assertThat(query.requestedFields()).isEmpty();
        assertThat(query.returnType()).isEqualTo(ReturnType.DICT);
        assertThat(query.blockTypesFilter()).isEmpty();
        assertThat(query.asOf()).isEmpty();
    }

    @Test
    void parse_everyParameter_isMapped() {
        var query = parse("course_id", COURSE, "username", "", "all_blocks", "True", "depth", "all", "nav_depth", "3",
                "requested_fields", "children,graded", "requested_fields", "due", "student_view_data", "video",
                "block_counts", "problem, video", "return_type", "list", "block_types_filter", "problem",
                "as_of", "2026-09-01T00:00:00Z");

        assertThat(query.username()).contains("");
        assertThat(query.isAllBlocks()).isTrue();
        assertThat(query.depth()).isEmpty();
        assertThat(query.navDepth()).contains(3);
        assertThat(query.requestedFields()).containsExactlyInAnyOrder("children", "graded", "due");
        assertThat(query.studentViewDataTypes()).containsExactly("video");
        assertThat(query.blockCountTypes()).containsExactlyInAnyOrder("problem", "video");
        assertThat(query.returnType()).isEqualTo(ReturnType.LIST);
        assertThat(query.blockTypesFilter()).containsExactly("problem");
        assertThat(query.asOf()).contains(Instant.parse("2026-09-01T00:00:00Z"));
    }

    @Test
    void parse_courseIdWithUnencodedPlus_readsSpacesAsPlus() {
        var query = parse("course_id", "course-v1:Org Num Run", "username", "a");

        assertThat(query.course()).isEqualTo(CourseKey.parse(COURSE));
    }

    @Test
    void parse_usageIdRoute_takesCourseFromTheBlock() {
        var usage = "block-v1:Org+Num+Run+type@sequential+block@seq1";

        var query = BlocksQuery.parse(Map.of("username", List.of("a")), Optional.of(usage));

        assertThat(query.course()).isEqualTo(CourseKey.parse(COURSE));
        assertThat(query.startBlock()).contains(UsageKey.parse(usage));
    }

    @Test
    void toRequest_query_carriesEveryOptionAndTheVersion() {
        var query = parse("course_id", COURSE, "username", "a", "depth", "2", "nav_depth", "1",
                "requested_fields", "children", "block_counts", "video", "student_view_data", "html");

        var request = query.toRequest("https://lms.example.com/", BlocksApiVersion.V2);

        assertThat(request.depth()).contains(2);
        assertThat(request.navDepth()).contains(1);
        assertThat(request.requestedFields()).containsExactly("children");
        assertThat(request.blockCountTypes()).containsExactly("video");
        assertThat(request.studentViewDataTypes()).containsExactly("html");
        assertThat(request.lmsBaseUrl()).isEqualTo("https://lms.example.com");
        assertThat(request.apiVersion()).isEqualTo(BlocksApiVersion.V2);
    }

    @Test
    void parse_missingCourseId_isRefusedNamingIt() {
        assertRefused("course_id", "username", "a");
    }

    @Test
    void parse_malformedCourseId_isRefusedNamingIt() {
        assertRefused("course_id", "course_id", "not-a-key", "username", "a");
    }

    @Test
    void parse_malformedUsageId_isRefusedNamingIt() {
        assertThatThrownBy(() -> BlocksQuery.parse(Map.of("username", List.of("a")), Optional.of("block-v1:bad")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.parameter()).contains("usage_id"));
    }

    @Test
    void parse_noUsernameWithoutAllBlocks_isRefusedNamingUsername() {
        assertRefused("username", "course_id", COURSE);
    }

    @Test
    void parse_invalidValues_areRefusedNamingTheirParameter() {
        assertRefused("depth", "course_id", COURSE, "username", "a", "depth", "-1");
        assertRefused("depth", "course_id", COURSE, "username", "a", "depth", "deep");
        assertRefused("nav_depth", "course_id", COURSE, "username", "a", "nav_depth", "x");
        assertRefused("return_type", "course_id", COURSE, "username", "a", "return_type", "tree");
        assertRefused("all_blocks", "course_id", COURSE, "all_blocks", "maybe");
        assertRefused("as_of", "course_id", COURSE, "username", "a", "as_of", "tomorrow");
    }

    @Test
    void parse_singleValueParameterRepeated_isRefusedNamingIt() {
        assertRefused("depth", "course_id", COURSE, "username", "a", "depth", "1", "depth", "2");
    }

    private static void assertRefused(String parameter, String... pairs) {
        assertThatThrownBy(() -> parse(pairs)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.parameter()).contains(parameter);
            assertThat(e.getMessage()).contains(parameter);
        });
    }

    private static BlocksQuery parse(String... pairs) {
        var parameters = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < pairs.length; i += 2) {
            var values = new ArrayList<>(parameters.getOrDefault(pairs[i], List.of()));
            values.add(pairs[i + 1]);
            parameters.put(pairs[i], values);
        }
        return BlocksQuery.parse(parameters, Optional.empty());
    }
}
