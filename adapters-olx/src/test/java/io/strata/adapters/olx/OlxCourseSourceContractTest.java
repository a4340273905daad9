package io.strata.adapters.olx;

import io.strata.ports.CourseSource;
import io.strata.testkit.CourseSourceContractTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.strata.adapters.olx.OlxTestFiles.sharedCourse;

/** Runs the course source contract on the shared edx-xml-dag course, as a folder and as a tarball. */
class OlxCourseSourceContractTest extends CourseSourceContractTest {
    private static final String DAG_KEY = "course-v1:testX+dag+2012_Fall";
    private static final int DAG_BLOCKS = 8;

    @Override
    protected CourseSource createSource() {
        return new OlxCourseSource(OlxCourseSourceConfig.of(sharedCourse("edx-xml-dag")));
    }

    @Override
    protected String knownCourseKey() {
        return DAG_KEY;
    }

    @Override
    protected int expectedBlockCount() {
        return DAG_BLOCKS;
    }

    @Nested
    class FromTarball extends CourseSourceContractTest {
        @TempDir
        Path temp;

        @Override
        protected CourseSource createSource() {
            var files = OlxTestFiles.filesOf(sharedCourse("edx-xml-dag"), "course/");
            var archive = OlxTestFiles.tarGz(temp.resolve("dag.tar.gz"), files);
            return new OlxCourseSource(new OlxCourseSourceConfig(archive,
                    OlxCourseSourceConfig.DEFAULT_MAX_ARCHIVE_BYTES, OlxCourseSourceConfig.DEFAULT_MAX_ARCHIVE_ENTRIES,
                    temp.resolve("extracted")));
        }

        @Override
        protected String knownCourseKey() {
            return DAG_KEY;
        }

        @Override
        protected int expectedBlockCount() {
            return DAG_BLOCKS;
        }
    }
}
