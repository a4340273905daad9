package io.strata.domain.structure;

import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/*
 * Why columns rather than one UsageKey per block: a decoder already holds each block's type and id
 * as strings of its string table, and a course table that is nearly always one course. Keeping
 * those columns costs no object per block; BlockStructure makes a block's key when it is first
 * asked for. Types repeat (a course has a dozen), so a type string already checked is recognised
 * by reference and not checked again; ids are unique per block and each is checked once, in the
 * same pass over its characters that computes its hash for the structure's key index.
 */

/**
 * Is the usage keys of a structure's blocks held as columns: a table of courses, each block's
 * index into it, and each block's type and id. Every type and id is a valid block name
 * ({@link UsageKey#isName}), and every course index names an entry of the table.
 *
 * <p>Instances are immutable once made; the factory takes ownership of the arrays.
 */
public final class BlockKeys {
    /** Is how many distinct type strings are remembered as checked; courses use a few dozen types at most. */
    private static final int CHECKED_TYPES = 32;

    private final CourseKey[] courses;
    /** Is each block's index into the courses, or null when every block is in the first one. */
    private final int[] courseRefs;
    private final String[] types;
    private final String[] ids;
    /** Is each id's {@link String#hashCode()}, computed while checking it. */
    private final int[] idHashes;

    private BlockKeys(CourseKey[] courses, int[] courseRefs, String[] types, String[] ids, int[] idHashes) {
        this.courses = courses;
        this.courseRefs = courseRefs;
        this.types = types;
        this.ids = ids;
        this.idHashes = idHashes;
    }

    /**
     * Returns the keys of blocks given as columns, taking ownership of the arrays.
     *
     * @param courses the course table, at least one entry
     * @param courseRefs each block's index into the course table
     * @param types each block's type
     * @param ids each block's id
     * @throws IllegalStateException when the columns differ in length, a course index is out of
     *     range, or a type or id is not a valid block name; the message names the block
     */
    public static BlockKeys of(CourseKey[] courses, int[] courseRefs, String[] types, String[] ids) {
        requireNonNull(courses, "courses is null");
        if (courses.length == 0 || courseRefs.length != types.length || ids.length != types.length) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Block keys disagree: courses[%d], course refs[%d], types[%d], ids[%d]",
                    courses.length, courseRefs.length, types.length, ids.length));
        }
        for (var course : courses) {
            requireNonNull(course, "course is null");
        }
        var idHashes = checkNames(types, ids);
        return new BlockKeys(courses, checkCourseRefs(courseRefs, courses.length), types, ids, idHashes);
    }

    /** Returns the columns of usage keys that are already valid. */
    static BlockKeys of(UsageKey[] keys) {
        var courseIndexes = new HashMap<CourseKey, Integer>();
        var courseRefs = new int[keys.length];
        var types = new String[keys.length];
        var ids = new String[keys.length];
        var idHashes = new int[keys.length];
        for (int block = 0; block < keys.length; block++) {
            var key = keys[block];
            courseRefs[block] = courseIndexes.computeIfAbsent(key.course(), course -> courseIndexes.size());
            types[block] = key.type();
            ids[block] = key.id();
            idHashes[block] = key.id().hashCode();
        }
        var courses = new CourseKey[courseIndexes.size()];
        courseIndexes.forEach((course, index) -> courses[index] = course);
        return new BlockKeys(courses, courses.length == 1 ? null : courseRefs, types, ids, idHashes);
    }

    /** Checks every type and id, and returns the ids' hashes. */
    private static int[] checkNames(String[] types, String[] ids) {
        var idHashes = new int[ids.length];
        var checkedTypes = new String[CHECKED_TYPES];
        int nextSlot = 0;
        for (int block = 0; block < types.length; block++) {
            if (!isCheckedType(checkedTypes, types[block])) {
                requireName(block, "type", types[block]);
                checkedTypes[nextSlot] = types[block];
                nextSlot = (nextSlot + 1) % CHECKED_TYPES;
            }
            idHashes[block] = checkedIdHash(block, ids[block]);
        }
        return idHashes;
    }

    /** Returns the id's {@link String#hashCode()} after checking that it is a block name. */
    private static int checkedIdHash(int block, String id) {
        if (id == null || id.isEmpty()) {
            requireName(block, "id", id);
        }
        int hash = 0;
        boolean isName = true;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            hash = 31 * hash + c;
            isName &= UsageKey.isNameChar(c);
        }
        if (!isName) {
            requireName(block, "id", id);
        }
        return hash;
    }

    private static boolean isCheckedType(String[] checkedTypes, String type) {
        for (var checked : checkedTypes) {
            if (checked == type) {
                return type != null;
            }
        }
        return false;
    }

    private static void requireName(int block, String what, String name) {
        if (!UsageKey.isName(name)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Block[%d] has an invalid %s[%s]", block, what, name));
        }
    }

    /** Returns the course indexes, or null when every block is in the first course. */
    private static int[] checkCourseRefs(int[] courseRefs, int courseCount) {
        boolean isOneCourse = true;
        for (int block = 0; block < courseRefs.length; block++) {
            int ref = courseRefs[block];
            if (ref < 0 || ref >= courseCount) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "Block[%d] has course index[%d], expected 0..%d", block, ref, courseCount - 1));
            }
            isOneCourse &= ref == 0;
        }
        return isOneCourse ? null : courseRefs;
    }

    /** Returns the number of blocks. */
    public int size() {
        return types.length;
    }

    /** Returns the course of the block. */
    public CourseKey course(int block) {
        return courseRefs == null ? courses[0] : courses[courseRefs[block]];
    }

    /** Returns the type of the block. */
    public String type(int block) {
        return types[block];
    }

    /** Returns the id of the block. */
    public String id(int block) {
        return ids[block];
    }

    /** Returns the {@link String#hashCode()} of the block's id. */
    int idHash(int block) {
        return idHashes[block];
    }

    /** Returns a new usage key of the block. */
    public UsageKey key(int block) {
        return new UsageKey(course(block), types[block], ids[block]);
    }

    /** Returns whether the other keys name the same blocks in the same order. */
    boolean isSameAs(BlockKeys other) {
        if (size() != other.size() || !Arrays.equals(types, other.types) || !Arrays.equals(ids, other.ids)) {
            return false;
        }
        for (int block = 0; block < size(); block++) {
            if (!course(block).equals(other.course(block))) {
                return false;
            }
        }
        return true;
    }
}
