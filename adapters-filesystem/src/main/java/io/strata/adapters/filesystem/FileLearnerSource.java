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
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * ({@link FileLearnerSourceConfig#selectionsFile()}), which several processes on one host (or on a
 * shared folder whose filesystem supports {@link java.nio.channels.FileChannel#lock() file locks})
 * may share: a save holds an exclusive lock on the hidden lock file beside it
 * ({@code .<name>.lock}, kept), reads the file, adds the save to what other processes saved and
 * replaces the file atomically. The file is read at construction and again, like the learners file,
 * when it changed, so each process sees the others' saves within {@link #CHECK_INTERVAL}.
 *
 * <p>When another process saved a different selection for the same user, course and block since
 * this process last read the file, the first one saved stays, in the file and in this process's
 * later answers, and the save is dropped: every process converges on one selection per learner and
 * block. A save that replaces a selection this process had read (a refresh after children
 * disappeared) replaces it.
 *
 * <p>A save that cannot be written is kept in memory with a warning instead of failing (the next
 * save writes everything again); the port's {@code BackendUnavailableException} is never thrown for
 * it. A selections file that turns malformed is neither read nor overwritten, with one warning: the
 * selections read before and new saves stay in memory until it is fixed.
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
    private volatile FileFingerprint seen;
    private volatile long nextCheckMillis;
    private volatile boolean unreadableWarned;
    // The learners file is never written to; saved selections go to their own file.
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
        loadInitially();
        this.selectionsFile = new SelectionsFile(config.selectionsFile(), clock, CHECK_INTERVAL);
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
            seen = FileFingerprint.of(file);
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
        FileFingerprint current;
        byte[] content;
        try {
            current = FileFingerprint.of(file);
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

        // The port returns nothing: when another process saved first, later calls return its selection.
        var stored = selectionsFile.save(new UserCourse(username, courseKey), blockUsageId, selected);
        log.debug("Saved item-bank selection of user[{}] in block[{}] with children[{}], another process's "
                + "kept[{}]", username, blockUsageId, selected.size(), !stored.equals(selected));
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
        var saved = selectionsFile.load(new UserCourse(username, courseKey));
        if (saved.isEmpty()) {
            return fromFile;
        }
        var merged = new HashMap<>(fromFile);
        merged.putAll(saved);
        return merged;
    }

    /** Is the key of the selections saved for one user in one course. */
    record UserCourse(String username, String courseKey) {
    }
}
