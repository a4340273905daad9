package io.strata.adapters.filesystem;

import io.strata.ports.LearnerRecord;
import io.strata.ports.LearnerSource;
import io.strata.testkit.LearnerSourceContractTest;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class FileLearnerSourceJsonTest extends LearnerSourceContractTest {
    @TempDir
    Path temp;

    @Override
    protected LearnerSource createSource(List<LearnerRecord> records, String courseKey) {
        try {
            var file = Files.writeString(temp.resolve("learners.json"), LearnersFiles.json(records, courseKey));
            return new FileLearnerSource(new FileLearnerSourceConfig(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
