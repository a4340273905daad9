package io.strata.testkit;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.LearnerRecord;
import io.strata.ports.LearnerSource;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Is a {@link LearnerSource} held in maps, for tests. A user exists once added, directly or by a
 * record in some course; in a course where the user has no record, {@link #find} returns a plain
 * learner record ({@link LearnerRecord#learner(String)}). Saved item-bank selections are kept in
 * memory and added to the records {@link #find} returns.
 */
public final class InMemoryLearnerSource implements LearnerSource {
    private final Set<String> usernames = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, LearnerRecord>> recordsByCourse = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<String>>> savedSelections = new ConcurrentHashMap<>();
    private volatile boolean available = true;

    /** Adds a user who holds no role, enrollment or group in any course yet. */
    public void addUser(String username) {
        requireNonNull(username, "username is null");
        usernames.add(username);
    }

    /** Sets the user's record in the course, replacing any earlier one, and adds the user. */
    public void putRecord(String courseKey, LearnerRecord record) {
        requireNonNull(courseKey, "courseKey is null");
        requireNonNull(record, "record is null");

        recordsByCourse.computeIfAbsent(courseKey, key -> new ConcurrentHashMap<>())
                .put(record.username(), record);
        usernames.add(record.username());
    }

    /** Makes every later call succeed (true) or throw {@link BackendUnavailableException} (false). */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    @Override
    public String describe() {
        return "in-memory";
    }

    @Override
    public Optional<LearnerRecord> find(String username, String courseKey) {
        requireNonNull(username, "username is null");
        requireNonNull(courseKey, "courseKey is null");
        checkAvailable();
        if (!usernames.contains(username)) {
            return Optional.empty();
        }

        var record = recordsByCourse.getOrDefault(courseKey, Map.of()).get(username);
        var found = record != null ? record : LearnerRecord.learner(username);
        var saved = savedSelections.get(selectionKey(username, courseKey));
        if (saved == null) {
            return Optional.of(found);
        }
        var selections = new HashMap<>(found.itemBankSelections());
        selections.putAll(saved);
        return Optional.of(found.withItemBankSelections(selections));
    }

    @Override
    public Map<String, List<String>> loadSelections(String username, String courseKey) {
        requireNonNull(username, "username is null");
        requireNonNull(courseKey, "courseKey is null");
        checkAvailable();
        if (!usernames.contains(username)) {
            var saved = savedSelections.get(selectionKey(username, courseKey));
            return saved == null ? Map.of() : Map.copyOf(saved);
        }
        return find(username, courseKey).orElseThrow().itemBankSelections();
    }

    @Override
    public boolean isSavingSelections() {
        return true;
    }

    @Override
    public void saveSelection(String username, String courseKey, String blockUsageId, List<String> selected) {
        requireNonNull(username, "username is null");
        requireNonNull(courseKey, "courseKey is null");
        requireNonNull(blockUsageId, "blockUsageId is null");
        requireNonNull(selected, "selected is null");
        checkAvailable();

        savedSelections.computeIfAbsent(selectionKey(username, courseKey), key -> new ConcurrentHashMap<>())
                .put(blockUsageId, List.copyOf(selected));
    }

    private void checkAvailable() {
        if (!available) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Learner source[%s] is unavailable (simulated); call setAvailable(true)", describe()), null);
        }
    }

    private static String selectionKey(String username, String courseKey) {
        return courseKey + "\n" + username;
    }
}
