package io.strata.domain.store;

import io.strata.domain.key.CourseKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Names one collected payload by everything that determines it: the course, the version of its
 * content, the transformers' write-version hash and the codec's format version. Two different
 * addresses never share a cache key or a durable path.
 *
 * @param course the course
 * @param courseVersion the content version the source reported; non-empty, no control characters
 * @param transformerHash the collector's write-version hash; non-empty, no control characters
 * @param codecVersion the payload format version; positive
 */
public record StructureAddress(CourseKey course, String courseVersion, String transformerHash, int codecVersion) {
    private static final String CACHE_KEY_PREFIX = "strata:s1:";
    private static final String POINTER_KEY_PREFIX = "strata:p1:";
    /** Keeps cache keys within memcached's 250 characters whatever the course key's length. */
    private static final int MAX_COURSE_CHARS_IN_KEY = 120;
    /** Matches a value that can appear as-is in a file name: no dot, so never {@code .} or {@code ..}. */
    private static final Pattern PLAIN_TOKEN = Pattern.compile("[A-Za-z0-9_~-]{1,64}");

    public StructureAddress {
        requireNonNull(course, "course is null");
        requireText("courseVersion", courseVersion);
        requireText("transformerHash", transformerHash);
        if (codecVersion <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid codecVersion[%d]: must be positive", codecVersion));
        }
    }

    /**
     * Returns the cache key of the payload: <code>strata:s1:&lt;course key&gt;:{&lt;SHA-256 hex&gt;}</code>,
     * where the hash covers every field and the course key is cut to 120 characters for
     * readability only. It is printable ASCII without spaces and at most 197 characters long. The
     * braces make the hash the key's Redis hash tag (course keys hold no braces), so the chunk keys
     * derived from it land on the same Redis Cluster node.
     */
    public String cacheKey() {
        var fields = course + "\n" + courseVersion + "\n" + transformerHash + "\n" + codecVersion;
        return CACHE_KEY_PREFIX + readableCourse(course) + ":{" + sha256Hex(fields) + "}";
    }

    /**
     * Returns the cache key of the course's current-version pointer:
     * {@code strata:p1:<course key>:<SHA-256 hex of the course key>}.
     */
    public static String pointerCacheKey(CourseKey course) {
        requireNonNull(course, "course is null");
        return POINTER_KEY_PREFIX + readableCourse(course) + ":" + sha256Hex(course.toString());
    }

    /**
     * Returns the file-name stem of the payload in the durable tier:
     * {@code <course version>-<transformer hash>-c<codec version>}. A version or hash that is not
     * 1 to 64 letters, digits, {@code _ ~ -} is replaced by {@code h} and its SHA-256 hex (65
     * characters, so it cannot equal a value kept as-is); the name therefore never collides.
     */
    public String versionName() {
        return fileToken(courseVersion) + "-" + fileToken(transformerHash) + "-c" + codecVersion;
    }

    private static String fileToken(String value) {
        return PLAIN_TOKEN.matcher(value).matches() ? value : "h" + sha256Hex(value);
    }

    private static String readableCourse(CourseKey course) {
        var text = course.toString();
        return text.length() <= MAX_COURSE_CHARS_IN_KEY ? text : text.substring(0, MAX_COURSE_CHARS_IN_KEY);
    }

    static String sha256Hex(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM, which the Java spec requires", e);
        }
    }

    private static void requireText(String name, String value) {
        requireNonNull(value, name + " is null");
        if (value.isEmpty() || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid %s[%s]: must be non-empty without control characters", name, value));
        }
    }
}
