package io.strata.app.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static java.util.Objects.requireNonNull;

/*
 * Writes a synthetic OLX course of about N blocks, shaped after the shared real exports
 * (../shared/data/olx, STATS.json):
 *
 * - course -> chapters -> sequentials (4 to 12 per chapter) -> verticals (1 to 5) -> leaves (1 to 6),
 *   every block a pointer file named by a 32-hex url_name, as Studio exports them;
 * - leaves are about 48% html (a body in html/ID.html), 30% problem (a multiple-choice body of about
 *   1 KB), 10% video (an encoded-video list), 12% discussion;
 * - about one vertical in 60 holds a split_test of two group verticals (the course declares the
 *   partition), one in 90 a library_content block of 3 to 6 problems, one in 50 is staff-only and
 *   one in 50 is for verified learners only (group access in the enrollment-track partition);
 * - chapters start a week apart from 2026-01-05, one sequential in 20 starts in 2099 and a third
 *   are graded homework with a due date, a quarter of those hidden after it (hide_after_due);
 * - one vertical in 150 also names an html block of an earlier vertical, so that block has two
 *   parents (the import counts it once).
 *
 * Every choice comes from one SplittableRandom seeded with the seed, and files are written in a
 * fixed order, so a seed always gives the same bytes. A single draw decides both staff-only and
 * verified-only for a vertical, and both graded and hidden after due for a sequential: adding the
 * second of each left every other draw, so a seed gives the blocks it gave before, plus those. The
 * block count is reached within a handful of blocks: generation stops adding blocks once N is
 * reached, leaving the open containers short.
 */

/**
 * Generates deterministic OLX course exports of a requested size, for benchmarks and scale tests.
 * Not thread-safe; one instance writes one course.
 */
public final class SampleCourseGenerator {
    /** Is the organization of every generated course key. */
    public static final String ORG = "StrataX";

    private static final Instant FIRST_CHAPTER_START = Instant.parse("2026-01-05T00:00:00Z");
    private static final String FAR_FUTURE_START = "2099-01-01T00:00:00Z";
    /**
     * Is the id of the content experiment's partition, whose groups are 501 and 502. Open edX keeps
     * ids below 100 for the partitions it builds itself; 50 is the enrollment-track one, which the
     * verified-only units name.
     */
    public static final long EXPERIMENT_PARTITION_ID = 1_190_522_361;
    private static final String VERIFIED_ONLY = "{\"50\": [2]}";
    private static final long[] GROUP_IDS = {501, 502};
    /** Is the fewest blocks a generated course may have. */
    public static final int MIN_BLOCKS = 1;
    /** Is the most blocks a generated course may have. */
    public static final int MAX_BLOCKS = 10_000_000;
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ber", "con",
        "dis", "fen", "gal", "hor", "ist", "jun", "kel", "lam", "mor", "nat", "ost", "pra", "qui", "ren",
        "sol", "tra", "umb", "ver", "wen", "xy", "yal", "zor"};
    private static final int VOCABULARY_SIZE = 600;

    private final int targetBlocks;
    private final long seed;
    private final SplittableRandom random;
    private final String[] vocabulary;
    private final List<Pending> files = new ArrayList<>();
    private final List<String> sharableHtml = new ArrayList<>();
    private int blocks;

    private SampleCourseGenerator(int targetBlocks, long seed) {
        this.targetBlocks = targetBlocks;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.vocabulary = vocabulary(new SplittableRandom(seed ^ 0x5DEECE66DL));
    }

    /** Is what {@link #generate} wrote: the course key, the folder and the number of blocks. */
    public record Result(String courseKey, Path folder, int blocks, int files) {
    }

    /**
     * Writes a course of about {@code targetBlocks} blocks into {@code folder} (created if absent)
     * and returns its key, which names the size and the seed.
     *
     * @throws IllegalArgumentException when {@code targetBlocks} is below 1 or above 10,000,000, or
     *     the folder already holds a {@code course.xml}
     * @throws UncheckedIOException when a file cannot be written
     */
    public static Result generate(int targetBlocks, long seed, Path folder) {
        requireNonNull(folder, "folder is null");
        if (targetBlocks < MIN_BLOCKS || targetBlocks > MAX_BLOCKS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "blocks[%d] must be between %d and %d", targetBlocks, MIN_BLOCKS, MAX_BLOCKS));
        }
        if (Files.exists(folder.resolve("course.xml"))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Folder[%s] already holds a course.xml; choose an empty or new folder", folder));
        }
        var generator = new SampleCourseGenerator(targetBlocks, seed);
        generator.buildCourse();
        generator.write(folder);
        return new Result(generator.courseKey(), folder, generator.blocks, generator.files.size());
    }

    private String run() {
        return "S" + Long.toUnsignedString(seed);
    }

    private String courseNumber() {
        return "GEN" + targetBlocks;
    }

    private String courseKey() {
        return "course-v1:" + ORG + "+" + courseNumber() + "+" + run();
    }

    private void buildCourse() {
        blocks = 1;
        var chapters = new StringBuilder();
        for (int chapter = 0; hasRoom(); chapter++) {
            chapters.append("  <chapter url_name=\"").append(chapter(chapter)).append("\"/>\n");
        }
        var partitions = "[{\"id\": " + EXPERIMENT_PARTITION_ID + ", \"name\": \"Experiment\", \"scheme\": \"random\", "
                + "\"version\": 3, \"description\": \"A/B test\", \"groups\": [{\"id\": " + GROUP_IDS[0]
                + ", \"name\": \"Group A\", \"version\": 1}, {\"id\": " + GROUP_IDS[1]
                + ", \"name\": \"Group B\", \"version\": 1}]}]";
        add("course.xml", "<course url_name=\"" + run() + "\" org=\"" + ORG + "\" course=\"" + courseNumber()
                + "\"/>\n");
        add("course/" + run() + ".xml", "<course display_name=\"Generated course of " + targetBlocks
                + " blocks, seed " + seed + "\" start=\"&quot;" + FIRST_CHAPTER_START + "&quot;\""
                + " user_partitions=\"" + escape(partitions) + "\">\n" + chapters + "</course>\n");
        add("policies/" + run() + "/policy.json", "{\n  \"course/" + run() + "\": {\n    \"days_early_for_beta\": 7,"
                + "\n    \"advanced_modules\": [\"split_test\", \"library_content\"]\n  }\n}\n");
    }

    private boolean hasRoom() {
        return blocks < targetBlocks;
    }

    private String chapter(int index) {
        var id = newId();
        var sequentials = new StringBuilder();
        int count = between(4, 12);
        for (int i = 0; i < count && hasRoom(); i++) {
            sequentials.append("  <sequential url_name=\"").append(sequential()).append("\"/>\n");
        }
        var start = FIRST_CHAPTER_START.plus(7L * index, ChronoUnit.DAYS);
        add("chapter/" + id + ".xml", "<chapter display_name=\"Week " + (index + 1) + ": " + words(3)
                + "\" start=\"&quot;" + start + "&quot;\">\n" + sequentials + "</chapter>\n");
        return id;
    }

    private String sequential() {
        var id = newId();
        var attributes = new StringBuilder(" display_name=\"" + words(4) + "\"");
        if (chance(0.05)) {
            attributes.append(" start=\"&quot;").append(FAR_FUTURE_START).append("&quot;\"");
        }
        double graded = random.nextDouble();
        if (graded < 0.33) {
            var due = FIRST_CHAPTER_START.plus(between(7, 700), ChronoUnit.DAYS);
            attributes.append(" graded=\"true\" format=\"Homework\" due=\"&quot;").append(due).append("&quot;\"");
        }
        if (graded < 0.08) {
            attributes.append(" hide_after_due=\"true\"");
        }
        var verticals = new StringBuilder();
        int count = between(1, 5);
        for (int i = 0; i < count && hasRoom(); i++) {
            verticals.append("  <vertical url_name=\"").append(vertical(true)).append("\"/>\n");
        }
        add("sequential/" + id + ".xml", "<sequential" + attributes + ">\n" + verticals + "</sequential>\n");
        return id;
    }

    private String vertical(boolean mayNest) {
        var id = newId();
        int earlierHtml = sharableHtml.size();
        var attributes = new StringBuilder(" display_name=\"" + words(3) + "\"");
        double restricted = mayNest ? random.nextDouble() : 1;
        if (restricted < 0.02) {
            attributes.append(" visible_to_staff_only=\"true\"");
        } else if (restricted < 0.04) {
            attributes.append(" group_access=\"").append(escape(VERIFIED_ONLY)).append("\"");
        }
        var children = new StringBuilder();
        int count = between(1, 6);
        for (int i = 0; i < count && hasRoom(); i++) {
            children.append(leaf());
        }
        if (mayNest && hasRoom() && chance(1.0 / 60)) {
            children.append("  <split_test url_name=\"").append(splitTest()).append("\"/>\n");
        }
        if (mayNest && hasRoom() && chance(1.0 / 90)) {
            children.append("  <library_content url_name=\"").append(libraryContent()).append("\"/>\n");
        }
        if (mayNest && earlierHtml > 0 && chance(1.0 / 150)) {
            // A second parent for a block of an earlier vertical: a reference, not a new block.
            children.append("  <html url_name=\"").append(sharableHtml.get(random.nextInt(earlierHtml)))
                    .append("\"/>\n");
        }
        add("vertical/" + id + ".xml", "<vertical" + attributes + ">\n" + children + "</vertical>\n");
        return id;
    }

    private String leaf() {
        double draw = random.nextDouble();
        if (draw < 0.48) {
            return "  <html url_name=\"" + html() + "\"/>\n";
        }
        if (draw < 0.78) {
            return "  <problem url_name=\"" + problem() + "\"/>\n";
        }
        if (draw < 0.88) {
            return "  <video url_name=\"" + video() + "\"/>\n";
        }
        return "  <discussion url_name=\"" + discussion() + "\"/>\n";
    }

    private String splitTest() {
        var id = newId();
        var groups = new StringBuilder();
        var children = new StringBuilder();
        for (int i = 0; i < GROUP_IDS.length && hasRoom(); i++) {
            var child = vertical(false);
            groups.append(i == 0 ? "" : ", ").append("\"").append(GROUP_IDS[i]).append("\": \"block-v1:")
                    .append(ORG).append('+').append(courseNumber()).append('+').append(run())
                    .append("+type@vertical+block@").append(child).append("\"");
            children.append("  <vertical url_name=\"").append(child).append("\"/>\n");
        }
        add("split_test/" + id + ".xml", "<split_test display_name=\"" + words(3) + "\" user_partition_id=\""
                + EXPERIMENT_PARTITION_ID + "\" group_id_to_child=\"" + escape("{" + groups + "}") + "\">\n" + children
                + "</split_test>\n");
        return id;
    }

    private String libraryContent() {
        var id = newId();
        var problems = new StringBuilder();
        int count = between(3, 6);
        for (int i = 0; i < count && hasRoom(); i++) {
            problems.append("  <problem url_name=\"").append(problem()).append("\"/>\n");
        }
        add("library_content/" + id + ".xml", "<library_content display_name=\"" + words(2)
                + "\" max_count=\"1\" source_library_id=\"library-v1:" + ORG + "+BANK" + seed + "\">\n" + problems
                + "</library_content>\n");
        return id;
    }

    private String html() {
        var id = newId();
        var body = new StringBuilder();
        int paragraphs = between(1, 5);
        for (int i = 0; i < paragraphs; i++) {
            body.append("<p>").append(sentence(between(20, 70))).append("</p>\n");
        }
        add("html/" + id + ".xml", "<html filename=\"" + id + "\" display_name=\"" + words(2) + "\"/>\n");
        add("html/" + id + ".html", body.toString());
        sharableHtml.add(id);
        return id;
    }

    private String problem() {
        var id = newId();
        var choices = new StringBuilder();
        int count = between(3, 5);
        int correct = random.nextInt(count);
        for (int i = 0; i < count; i++) {
            choices.append("      <choice correct=\"").append(i == correct).append("\">").append(words(between(2, 6)))
                    .append("</choice>\n");
        }
        add("problem/" + id + ".xml", "<problem display_name=\"" + words(2) + "\" max_attempts=\""
                + between(1, 3) + "\" weight=\"1.0\" showanswer=\"finished\">\n  <p>" + sentence(between(15, 40))
                + "</p>\n  <multiplechoiceresponse>\n    <choicegroup type=\"MultipleChoice\">\n" + choices
                + "    </choicegroup>\n  </multiplechoiceresponse>\n  <solution>\n    <div class=\"detailed-solution\">"
                + "<p>" + sentence(between(10, 30)) + "</p></div>\n  </solution>\n</problem>\n");
        return id;
    }

    private String video() {
        var id = newId();
        var youtube = hex(11);
        add("video/" + id + ".xml", "<video display_name=\"" + words(2) + "\" youtube=\"1.00:" + youtube
                + "\" youtube_id_1_0=\"" + youtube + "\" edx_video_id=\"" + hex(8) + "-" + hex(4) + "-" + hex(12)
                + "\" download_video=\"true\" download_track=\"true\">\n  <video_asset duration=\""
                + between(30, 1200) + ".0\">\n    <encoded_video profile=\"desktop_mp4\" bitrate=\"982\" url=\""
                + "https://video.example.org/" + id + ".mp4\"/>\n    <encoded_video profile=\"youtube\" bitrate=\"0\""
                + " url=\"" + youtube + "\"/>\n  </video_asset>\n</video>\n");
        return id;
    }

    private String discussion() {
        var id = newId();
        add("discussion/" + id + ".xml", "<discussion display_name=\"" + words(2) + "\" discussion_category=\""
                + words(1) + "\" discussion_target=\"" + words(3) + "\" discussion_id=\"" + hex(20) + "\"/>\n");
        return id;
    }

    private String newId() {
        blocks++;
        return hex(32);
    }

    private String hex(int length) {
        var text = new StringBuilder(length + 16);
        while (text.length() < length) {
            text.append(String.format(Locale.ROOT, "%016x", random.nextLong()));
        }
        return text.substring(0, length);
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** Returns words drawn with a skew towards the first ones, as natural text repeats common words. */
    private String words(int count) {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            double draw = random.nextDouble();
            text.append(i == 0 ? "" : " ").append(vocabulary[(int) (draw * draw * vocabulary.length)]);
        }
        return text.toString();
    }

    private String sentence(int wordCount) {
        var text = words(wordCount);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    private static String[] vocabulary(SplittableRandom random) {
        var words = new String[VOCABULARY_SIZE];
        for (int i = 0; i < words.length; i++) {
            var word = new StringBuilder();
            int syllables = 1 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            words[i] = word.toString();
        }
        return words;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void add(String path, String content) {
        files.add(new Pending(path, content));
    }

    private void write(Path folder) {
        try {
            for (var file : files) {
                var target = folder.resolve(file.path());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the generated course into folder[" + folder
                    + "]; check that it is writable and has room", e);
        }
    }

    private record Pending(String path, String content) {
    }
}
