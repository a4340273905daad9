package io.strata.domain.codec;

import java.util.ArrayList;
import java.util.List;

/*
 * Why chunks: a body section of a 100,000-block course is megabytes. One growing array copied
 * itself on every doubling, and an array of a few megabytes is a humongous object for G1, zeroed
 * and placed outside the young generation. Chunks of a fixed size are never copied, and the
 * deflater reads them in order as if they were one array.
 */

/**
 * Is one section of a body written as a list of {@link ByteSink} chunks of about
 * {@link #CHUNK_BYTES} each. The writer asks for the sink to write through before each item (a
 * block's relations, a row, a string), and an item is never split across chunks, so a chunk may
 * run past its nominal size by one item. Not thread-safe.
 */
final class ChunkedSink {
    /** Is the size at which a chunk is closed: well below G1's humongous threshold, and a few deflate windows. */
    static final int CHUNK_BYTES = 256 * 1024;
    /** Is the room left in a new chunk past its nominal size, so that the item that ends it seldom grows it. */
    private static final int SLACK_BYTES = 4 * 1024;

    private final List<ByteSink> chunks = new ArrayList<>();
    private ByteSink current;
    private long closedBytes;

    /** Makes a section whose first chunk fits the expected size, when that is below a chunk's. */
    ChunkedSink(long expectedBytes) {
        current = new ByteSink((int) Math.min(expectedBytes, CHUNK_BYTES) + SLACK_BYTES);
        chunks.add(current);
    }

    /** Returns the sink to write the next item through, starting a new chunk when the current one is full. */
    ByteSink next() {
        if (current.size() >= CHUNK_BYTES) {
            closedBytes += current.size();
            current = new ByteSink(CHUNK_BYTES + SLACK_BYTES);
            chunks.add(current);
        }
        return current;
    }

    /** Returns the chunks in order; the last may be empty. */
    List<ByteSink> chunks() {
        return chunks;
    }

    /** Returns the number of bytes written. */
    long size() {
        return closedBytes + current.size();
    }
}
