package io.strata.adapters.filesystem;

import io.strata.adapters.filesystem.LearnersFileParser.Learner;
import io.strata.ports.BackendFailureException;
import io.strata.ports.CourseRole;
import io.strata.ports.InputRejectedException;
import io.strata.ports.LearnerRecord;
import io.strata.ports.LearnerSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * Is a {@link LearnerSource} read from one YAML or JSON file (format: docs/learners-file.md).
 *
 * <p>The file is read at construction and again when its modification time, size or identity
 * changes, checked at most once per {@link #CHECK_INTERVAL} by the next caller; other callers keep
 * using the learners read before while one reloads. A missing file means no learners. A file that
 * turns malformed or unreadable after construction is ignored with one warning, and the learners
 * read before stay in use until it is fixed.
 *
 * <p>Item-bank selections given in the file under a course's {@code selections} are the starting
 * ones; selections saved through {@link #saveSelection} override the file's for the same block and
 * survive reloads of the file. They are also written to the selections file
 * ({@link FileLearnerSourceConfig#selectionsFile()}), replaced atomically on every save and read at
 * construction, so they outlive the process. A save that cannot be written is kept in memory with a
 * warning instead of failing (the next save writes everything again); the port's
 * {@code BackendUnavailableException} is never thrown for it. The selections file is read only at
 * construction: two processes sharing one would overwrite each other's saves.
 */
public final class FileLearnerSource implements LearnerSource {
    /** Is how often, at most, the file is checked for changes. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(FileLearnerSource.class);

    private final Path file;
    private final LearnersFileParser parser;
    private final Clock clock;
    private final ReentrantLock reloadLock = new ReentrantLock();
    private volatile Map<String, Learner> learners = Map.of();
    private volatile Fingerprint seen;
    private volatile long nextCheckMillis;
    private volatile boolean unreadableWarned;
    // The learners file is never written to; saved selections go to their own file.
    private final Map<UserCourse, Map<String, List<String>>> savedSelections = new ConcurrentHashMap<>();
    // TODO(#7): processes do not share saved selections (each reads the file only at start, and two
    // writing one file overwrite each other's); a learner served by two processes may get two.
    private final SelectionsFile selectionsFile;

    /**
     * Creates a source and reads the learners file and the selections file.
     *
     * @throws InputRejectedException when either file is malformed; the message names the file (and
     *     the line of the learners file)
     * @throws BackendFailureException when either file exists but cannot be read
     */
    public FileLearnerSource(FileLearnerSourceConfig config) {
        this(config, Clock.systemUTC());
    }

    /** Creates a source that reads time, for the change checks, from the clock. */
    FileLearnerSource(FileLearnerSourceConfig config, Clock clock) {
        requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.file = config.file();
        this.parser = new LearnersFileParser(file);
        this.selectionsFile = new SelectionsFile(config.selectionsFile());
        loadInitially();
        selectionsFile.read().forEach((key, blocks) -> savedSelections.put(key, new ConcurrentHashMap<>(blocks)));
    }

    @Override
    public String describe() {
        return "file[" + file + "]";
    }

    @Override
    public Optional<LearnerRecord> find(String username, String courseKey) {
        requireNonNull(username, "username is null");
        requireNonNull(courseKey, "courseKey is null");

        var learner = currentLearners().get(username);
        return Optional.ofNullable(learner).map(found -> toRecord(username, found, courseKey));
    }

    private void loadInitially() {
        nextCheckMillis = clock.millis() + CHECK_INTERVAL.toMillis();
        try {
            seen = fingerprint();
            if (seen == null) {
                log.warn("Learners file[{}] not found; every user is unknown until it appears", file);
                return;
            }
            learners = parser.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            seen = null;
            log.warn("Learners file[{}] not found; every user is unknown until it appears", file);
        } catch (IOException e) {
            throw new BackendFailureException(String.format(Locale.ROOT,
                    "Cannot read learners file[%s]: %s; give the service's user read access to it", file, e), e);
        }
    }

    private Map<String, Learner> currentLearners() {
        long now = clock.millis();
        if (now >= nextCheckMillis && reloadLock.tryLock()) {
            try {
                if (now >= nextCheckMillis) {
                    nextCheckMillis = now + CHECK_INTERVAL.toMillis();
                    reloadIfChanged();
                }
            } finally {
                reloadLock.unlock();
            }
        }
        return learners;
    }

    private void reloadIfChanged() {
        Fingerprint current;
        byte[] content;
        try {
            current = fingerprint();
            if (Objects.equals(current, seen)) {
                return;
            }
            content = current == null ? null : Files.readAllBytes(file);
        } catch (IOException e) {
            // The fingerprint stays as it was, so the next check tries again.
            warnUnreadableOnce(e);
            return;
        }

        seen = current;
        unreadableWarned = false;
        if (content == null) {
            learners = Map.of();
            log.warn("Learners file[{}] not found; every user is unknown until it appears", file);
            return;
        }
        reload(content);
    }

    private void reload(byte[] content) {
        try {
            learners = parser.parse(content);
            log.debug("Reloaded learners file[{}] with learners[{}]", file, learners.size());
        } catch (InputRejectedException e) {
            log.warn("Learners file[{}] changed but is malformed; keeping the learners read before", file, e);
        }
    }

    private void warnUnreadableOnce(IOException e) {
        if (!unreadableWarned) {
            unreadableWarned = true;
            log.warn("Cannot read learners file[{}]; keeping the learners read before", file, e);
        }
    }

    private Fingerprint fingerprint() throws IOException {
        try {
            var attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Fingerprint(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public Map<String, List<String>> loadSelections(String username, String courseKey) {
        requireNonNull(username, "username is null");
        requireNonNull(courseKey, "courseKey is null");

        var learner = currentLearners().get(username);
        var fromFile = learner == null ? Map.<String, List<String>>of() : fileSelections(learner, courseKey);
        return mergedSelections(fromFile, username, courseKey);
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

        savedSelections.computeIfAbsent(new UserCourse(username, courseKey), key -> new ConcurrentHashMap<>())
                .put(blockUsageId, List.copyOf(selected));
        selectionsFile.write(this::snapshotOfSaved);
        log.debug("Saved item-bank selection of user[{}] in block[{}] with children[{}]", username, blockUsageId,
                selected.size());
    }

    private LearnerRecord toRecord(String username, Learner learner, String courseKey) {
        var override = learner.courses().get(courseKey);
        var selections = mergedSelections(fileSelections(learner, courseKey), username, courseKey);
        if (override == null) {
            return new LearnerRecord(username, learner.roles(), learner.enrollment(),
                    learner.enrollmentActive().orElse(true), learner.cohort(), learner.groups(), selections);
        }
        var roles = EnumSet.noneOf(CourseRole.class);
        roles.addAll(learner.roles());
        roles.addAll(override.roles());
        var groups = new HashMap<>(learner.groups());
        groups.putAll(override.groups());
        var enrollment = override.enrollment().or(learner::enrollment);
        boolean active = override.enrollmentActive().or(learner::enrollmentActive).orElse(true);
        var cohort = override.cohort().or(learner::cohort);
        return new LearnerRecord(username, roles, enrollment, active, cohort, groups, selections);
    }

    private static Map<String, List<String>> fileSelections(Learner learner, String courseKey) {
        var override = learner.courses().get(courseKey);
        return override == null ? Map.of() : override.selections();
    }

    private Map<String, List<String>> mergedSelections(Map<String, List<String>> fromFile, String username,
            String courseKey) {
        var saved = savedSelections.get(new UserCourse(username, courseKey));
        if (saved == null || saved.isEmpty()) {
            return fromFile;
        }
        var merged = new HashMap<>(fromFile);
        merged.putAll(saved);
        return merged;
    }

    private Map<UserCourse, Map<String, List<String>>> snapshotOfSaved() {
        var snapshot = new HashMap<UserCourse, Map<String, List<String>>>();
        savedSelections.forEach((key, blocks) -> snapshot.put(key, Map.copyOf(blocks)));
        return snapshot;
    }

    /** Is the key of the selections saved for one user in one course. */
    record UserCourse(String username, String courseKey) {
    }

    /** Tells whether the file changed: its modification time, size and identity (inode). */
    private record Fingerprint(FileTime modified, long size, Object fileKey) {
    }
}
