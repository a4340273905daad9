package io.strata.adapters.olx;

import io.strata.ports.CourseImportException;
import io.strata.ports.SourceBlockId;
import io.strata.ports.SourceCourse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static io.strata.adapters.olx.OlxCourseSourceSharedCoursesTest.block;
import static io.strata.adapters.olx.OlxTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Covers import rules that no shared course exercises, with small synthetic courses. */
class OlxCourseSourceImportRulesTest {
    private static final String KEY = "course-v1:ORG+NUM+RUN";

    @TempDir
    Path temp;

    private SourceCourse read(String courseBody) {
        var folder = temp.resolve("course");
        write(folder, "course.xml", "<course url_name=\"RUN\" org=\"ORG\" course=\"NUM\"/>");
        write(folder, "course/RUN.xml", "<course display_name=\"Synthetic\">\n" + courseBody + "\n</course>\n");
        return new OlxCourseSource(OlxCourseSourceConfig.of(folder)).read(KEY);
    }

    @Test
    void read_visibilityAndDueAttributes_areTyped() {
        var course = read("<wiki slug=\"w\"/><chapter url_name=\"c\" visible_to_staff_only=\"&quot;true&quot;\""
                + " hide_from_toc=\"False\">"
                + "<sequential url_name=\"s\" due=\"2030-01-02T03:04\" hide_after_due=\"TRUE\" graded=\"false\""
                + " is_time_limited=\"true\"/></chapter>");

        var chapter = block(course, "chapter", "c");
        var sequential = block(course, "sequential", "s");

        assertThat(block(course, "course", "RUN").children()).containsExactly(chapter.id());
        assertThat(chapter.fields()).containsEntry("visible_to_staff_only", true)
                .containsEntry("hide_from_toc", false);
        assertThat(sequential.fields()).containsEntry("due", Instant.parse("2030-01-02T03:04:00Z"))
                .containsEntry("hide_after_due", true).containsEntry("graded", false)
                .containsEntry("is_time_limited", "true");
    }

    @Test
    void read_asidesShowElementsAndTextbooks_areNotBlocks() {
        var course = read("<textbook title=\"T\"/><chapter url_name=\"c\">"
                + "<vertical url_name=\"v\"><tagging_aside xblock-family=\"xblock_asides.v1\" url_name=\"a\"/>"
                + "<conditional url_name=\"k\" sources=\"i4x://ORG/NUM/problem/p\"><show sources=\"x\"/>"
                + "<html url_name=\"h\" display_name=\"Shown\">Hi</html></conditional></vertical></chapter>");

        assertThat(course.blocks()).extracting(b -> b.id().toString()).containsExactly("course@RUN", "chapter@c",
                "vertical@v", "conditional@k", "html@h");
        assertThat(block(course, "html", "h").fields()).containsEntry("data", "Hi")
                .containsEntry("display_name", "Shown");
    }

    @Test
    void read_leafInnerXml_isKeptAsOpaqueData() {
        var course = read("<chapter url_name=\"c\"><problem url_name=\"p\" display_name=\"Q\">"
                + "<p>1 &lt; 2</p><script type=\"loncapa/python\"><![CDATA[if a < b: pass]]></script>"
                + "<!-- note --></problem></chapter>");

        assertThat(block(course, "problem", "p").fields()).containsEntry("data",
                "<p>1 &lt; 2</p><script type=\"loncapa/python\"><![CDATA[if a < b: pass]]></script><!-- note -->");
    }

    @Test
    void read_policyOverride_winsOverXmlAndTypesValues() {
        var folder = temp.resolve("course");
        write(folder, "policies/RUN/policy.json", "{\"chapter/c\": {\"display_name\": \"From policy\","
                + " \"start\": \"2020-05-06T07:08:09Z\", \"visible_to_staff_only\": true}, \"unrelated\": [1]}");

        var course = read("<chapter url_name=\"c\" display_name=\"From XML\"/>");

        assertThat(block(course, "chapter", "c").fields()).containsEntry("display_name", "From policy")
                .containsEntry("start", Instant.parse("2020-05-06T07:08:09Z"))
                .containsEntry("visible_to_staff_only", true);
    }

    @Test
    void read_sameInlineIdTwice_keepsTheFirstDefinitionUnderBothParents() {
        var course = read("<chapter url_name=\"c\"><vertical url_name=\"v1\"><video url_name=\"same\" n=\"1\"/>"
                + "</vertical><vertical url_name=\"v2\"><video url_name=\"same\" n=\"2\"/></vertical></chapter>");

        var video = block(course, "video", "same");

        assertThat(video.fields()).containsEntry("n", "1");
        assertThat(block(course, "vertical", "v2").children()).containsExactly(video.id());
        assertThat(course.blocks()).filteredOn(b -> b.id().equals(new SourceBlockId("video", "same"))).hasSize(1);
    }

    @Test
    void read_deeplyNestedXml_isRefusedWithoutOverflowingTheStack() {
        var nested = "<div>".repeat(5_000) + "</div>".repeat(5_000);

        assertThatThrownBy(() -> read("<chapter url_name=\"c\"><html url_name=\"h\">" + nested + "</html></chapter>"))
                .isInstanceOf(CourseImportException.class).hasMessageContaining("file[course/RUN.xml]");
    }

    @Test
    void read_urlNameWithSingleLetterBeforeColon_mapsToASubfolder() {
        write(temp.resolve("course"), "html/x/body.xml", "<html display_name=\"Sub\">Body</html>");

        var course = read("<chapter url_name=\"c\"><html url_name=\"x:body\"/></chapter>");

        assertThat(block(course, "html", "x:body").fields()).containsEntry("data", "Body");
    }
}
