package io.strata.testkit;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.LearnerRecord;
import io.strata.ports.LearnerSource;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryLearnerSourceTest extends LearnerSourceContractTest {
    @Override
    protected LearnerSource createSource(List<LearnerRecord> records, String courseKey) {
        var source = new InMemoryLearnerSource();
        records.forEach(record -> source.putRecord(courseKey, record));
        return source;
    }

    @Test
    void find_addedUserWithoutRecords_returnsRecordWithNothing() {
        var source = new InMemoryLearnerSource();
        source.addUser("alice");

        assertThat(source.find("alice", COURSE_KEY)).contains(LearnerRecord.learner("alice"));
    }

    @Test
    void find_unavailable_throwsBackendUnavailable() {
        var source = new InMemoryLearnerSource();
        source.setAvailable(false);

        assertThatThrownBy(() -> source.find("alice", COURSE_KEY)).isInstanceOf(BackendUnavailableException.class);
    }
}
