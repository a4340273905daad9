package io.strata.domain.codec;

/** Holds the tag bytes that start each typed value in the body. */
final class ValueTag {
    static final int STRING = 0;
    static final int LONG = 1;
    static final int DOUBLE = 2;
    static final int FALSE = 3;
    static final int TRUE = 4;
    static final int INSTANT = 5;
    static final int LIST = 6;
    static final int MAP = 7;

    /** Is the deepest nesting of lists and maps the codec writes and reads. */
    static final int MAX_DEPTH = 64;

    private ValueTag() {
    }
}
