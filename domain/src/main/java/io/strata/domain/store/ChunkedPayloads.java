package io.strata.domain.store;

import io.strata.domain.codec.CorruptPayloadException;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

import static java.util.Objects.requireNonNull;

/**
 * Stores and loads payloads of any length in a {@link CacheTier}, so that no tier's item limit
 * keeps a large course out of the cache.
 *
 * <p>A payload of at most {@link CacheTier#maxValueBytes()} is stored as it is, under its key. A
 * longer one is split into chunks of {@code maxValueBytes} (the last one shorter), stored under
 * chunk keys first, and then a small head entry is stored under the payload's key:
 *
 * <pre>
 *   4 bytes   magic "STCH" (a payload never starts with it; see below)
 *   1 byte    head format version, 2
 *   4 bytes   chunk count N, at least 1
 *   4 bytes   chunk length (every chunk but the last has it)
 *   8 bytes   total payload length
 *   4 bytes   CRC32C of the whole payload
 * </pre>
 *
 * <p>Chunk {@code i} is stored under {@code <key>:chunk<i>}: the chunk keys depend on the key
 * alone, so a reader can ask for them before it has seen the head. Keys ending in {@code :chunk}
 * and digits are therefore reserved for chunks. Nothing in a chunk key ties it to one payload: a
 * chunk left by an earlier payload, by another chunking or by a writer that failed half-way is
 * caught after assembly, when the chunks must add up to the head's lengths and checksum. A payload
 * that fits but starts with the head magic is stored chunked, so a plain entry is never mistaken
 * for a head.
 *
 * <p>A load is one round trip for a payload of up to {@link #prefetchChunks} chunks: one
 * {@link CacheTier#loadAll} of the key and the first chunk keys (which cost the tier a lookup each
 * when the payload was stored whole), and a second one for the rest of a longer payload. Measured
 * on memcached at 3 MB (see {@code docs/benchmarks.md}, issue #5), reading the head first and then
 * its chunks took 2.1 times a plain get of the same bytes, the one-request read 1.5 times; asking
 * for 8 absent chunk keys along with a plain entry cost 0 to 5 %. A tier where nothing is chunked
 * ({@link CacheTier#maxChunkedBytes()} at most its item limit) gets a plain {@link CacheTier#load}.
 * A missing chunk (the cache evicted it) is a miss, and the head is evicted so the next store
 * replaces the entry; chunks that do not add up to the head's lengths and checksum are reported as
 * {@link CorruptPayloadException}. Wrong bytes are never returned.
 *
 * <p>Keys of one payload share the payload key's Redis hash tag (its first {@code {...}}), so a
 * multi-key read of head and chunks stays on one Redis Cluster node.
 *
 * <p>Stateless and thread-safe.
 */
public final class ChunkedPayloads {
    /** Is the smallest item limit a tier may have for chunked storage; below it a payload is not cached. */
    public static final long MIN_CHUNK_BYTES = 1024;
    /** Is the most chunks one payload may use; a longer payload is not cached in that tier. */
    public static final int MAX_CHUNKS = 10_000;
    /** Is the most chunk keys a load asks for along with the key, before it knows the chunk count. */
    public static final int MAX_PREFETCH_CHUNKS = 8;

    private static final byte[] HEAD_MAGIC = {'S', 'T', 'C', 'H'};
    /** Is 2 since chunk keys no longer hold the checksum; a version-1 head reads as corrupt and is replaced. */
    private static final int HEAD_VERSION = 2;
    private static final int HEAD_BYTES = 4 + 1 + 4 + 4 + 8 + 4;
    private static final String CHUNK_SUFFIX = ":chunk";
    /** Is the longest chunk key suffix: {@code :chunk} and an index below {@link #MAX_CHUNKS}. */
    private static final int MAX_SUFFIX_LENGTH = CHUNK_SUFFIX.length() + String.valueOf(MAX_CHUNKS - 1).length();

    private ChunkedPayloads() {
    }

    /**
     * Returns whether a payload of this length can be stored in the tier, whole or in chunks: for a
     * chunked payload the tier's item limit must be at least {@link #MIN_CHUNK_BYTES}, the payload
     * at most {@link CacheTier#maxChunkedBytes()} long and split into at most {@link #MAX_CHUNKS} chunks.
     */
    public static boolean fits(CacheTier tier, long payloadBytes) {
        long limit = tier.maxValueBytes();
        if (payloadBytes <= limit) {
            return true;
        }
        return limit >= MIN_CHUNK_BYTES && payloadBytes <= tier.maxChunkedBytes()
                && chunkCount(payloadBytes, chunkBytes(limit)) <= MAX_CHUNKS;
    }

    /**
     * Stores the payload under the key, whole when it fits the tier's item limit and in chunks
     * otherwise (chunks first, the head last). Never sends the tier a value over its limit.
     *
     * @throws IllegalArgumentException when {@link #fits} is false for the payload, or the key is
     *     longer than {@link CacheTier#MAX_KEY_LENGTH} minus 10 characters and must be chunked
     * @throws BackendUnavailableException when the tier cannot be reached; the head is then not
     *     written, so no reader finds it
     */
    public static void store(CacheTier tier, String key, byte[] payload) {
        requireNonNull(tier, "tier is null");
        requireNonNull(key, "key is null");
        requireNonNull(payload, "payload is null");
        if (payload.length <= tier.maxValueBytes() && !startsWithHeadMagic(payload)) {
            tier.store(key, payload);
            return;
        }
        checkChunkable(tier, key, payload.length);

        var head = Head.of(payload, chunkBytes(tier.maxValueBytes()));
        var chunks = new LinkedHashMap<String, byte[]>();
        for (int i = 0; i < head.chunkCount(); i++) {
            int from = i * head.chunkBytes();
            chunks.put(chunkKey(key, i), Arrays.copyOfRange(payload, from,
                    (int) Math.min(payload.length, (long) from + head.chunkBytes())));
        }
        tier.storeAll(chunks);
        tier.store(key, head.encode());
    }

    /**
     * Returns the payload stored under the key, reassembled from its chunks when it was chunked;
     * empty when the tier holds no entry under the key or lacks one of its chunks. Asks for the key
     * and the first {@link #prefetchChunks} chunk keys in one {@link CacheTier#loadAll}.
     *
     * @throws CorruptPayloadException when the head is malformed, or the chunks do not match the
     *     head's lengths or checksum
     * @throws BackendUnavailableException when the tier cannot be reached
     */
    public static Optional<byte[]> load(CacheTier tier, String key) {
        requireNonNull(tier, "tier is null");
        return load(tier, key, prefetchChunks(tier));
    }

    /**
     * Returns the payload stored under the key as {@link #load(CacheTier, String)} does, asking for
     * the first {@code prefetch} chunk keys along with the key; 0 reads the key alone, then its
     * chunks, as suits an entry that is never chunked. A key too long to have chunk keys is read
     * alone whatever the prefetch.
     *
     * @throws IllegalArgumentException when prefetch is negative or over {@link #MAX_CHUNKS}
     */
    public static Optional<byte[]> load(CacheTier tier, String key, int prefetch) {
        requireNonNull(tier, "tier is null");
        requireNonNull(key, "key is null");
        if (prefetch < 0 || prefetch > MAX_CHUNKS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid prefetch[%d]: use 0 to %d chunks", prefetch, MAX_CHUNKS));
        }
        int asked = key.length() <= CacheTier.MAX_KEY_LENGTH - MAX_SUFFIX_LENGTH ? prefetch : 0;
        var found = loadFirst(tier, key, asked);
        var entry = found.get(key);
        if (entry == null || !startsWithHeadMagic(entry)) {
            return Optional.ofNullable(entry);
        }
        var head = Head.decode(key, entry);

        var chunks = loadChunks(tier, key, head.chunkCount(), asked, found);
        if (chunks.size() < head.chunkCount()) {
            // An evicted chunk leaves a head that can never be served; drop it so a store replaces it.
            tier.evict(key);
            return Optional.empty();
        }
        return Optional.of(head.assemble(key, chunks));
    }

    /**
     * Returns how many chunk keys {@link #load(CacheTier, String)} asks the tier for along with the
     * key: as many as the longest payload the tier may hold chunked needs, at most
     * {@link #MAX_PREFETCH_CHUNKS}, and 0 for a tier that holds nothing chunked.
     */
    public static int prefetchChunks(CacheTier tier) {
        long limit = tier.maxValueBytes();
        if (limit < MIN_CHUNK_BYTES || tier.maxChunkedBytes() <= limit) {
            return 0;
        }
        // Division rounding up without the overflow of adding to an unbounded maxChunkedBytes.
        long longest = tier.maxChunkedBytes();
        int chunkBytes = chunkBytes(limit);
        return (int) Math.min(MAX_PREFETCH_CHUNKS, longest / chunkBytes + (longest % chunkBytes == 0 ? 0 : 1));
    }

    /**
     * Removes the entry stored under the key and, when it was chunked, its chunks. Removing an
     * absent key does nothing; a malformed head is removed alone.
     *
     * @throws BackendUnavailableException when the tier cannot be reached
     */
    public static void evict(CacheTier tier, String key) {
        requireNonNull(tier, "tier is null");
        requireNonNull(key, "key is null");
        var entry = tier.load(key);
        tier.evict(key);
        if (entry.isEmpty() || !startsWithHeadMagic(entry.get())) {
            return;
        }
        Head head;
        try {
            head = Head.decode(key, entry.get());
        } catch (CorruptPayloadException e) {
            // Its chunk keys cannot be known; unreachable chunks expire or are evicted for room.
            return;
        }
        for (int i = 0; i < head.chunkCount(); i++) {
            tier.evict(chunkKey(key, i));
        }
    }

    /** Returns what the tier holds of the key and its first chunk keys, the key asked for first. */
    private static Map<String, byte[]> loadFirst(CacheTier tier, String key, int prefetch) {
        if (prefetch == 0) {
            return tier.load(key).map(entry -> Map.of(key, entry)).orElse(Map.of());
        }
        var keys = new ArrayList<String>(prefetch + 1);
        // Head first: a server reads a multi-get in order, and a store writes the head after its
        // chunks, so chunks read after a head were stored before it unless evicted.
        keys.add(key);
        for (int i = 0; i < prefetch; i++) {
            keys.add(chunkKey(key, i));
        }
        return tier.loadAll(keys);
    }

    /** Returns the chunks found, in order, loading those from index {@code asked} on; stops at a gap. */
    private static List<byte[]> loadChunks(CacheTier tier, String key, int count, int asked,
            Map<String, byte[]> found) {
        var rest = new ArrayList<String>();
        for (int i = asked; i < count; i++) {
            rest.add(chunkKey(key, i));
        }
        var more = rest.isEmpty() ? Map.<String, byte[]>of() : tier.loadAll(rest);

        var chunks = new ArrayList<byte[]>(count);
        for (int i = 0; i < count; i++) {
            var chunkKey = chunkKey(key, i);
            var chunk = found.containsKey(chunkKey) ? found.get(chunkKey) : more.get(chunkKey);
            if (chunk == null) {
                break;
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    private static String chunkKey(String key, int index) {
        return key + CHUNK_SUFFIX + index;
    }

    private static void checkChunkable(CacheTier tier, String key, int payloadBytes) {
        if (!fits(tier, payloadBytes)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Cannot store payload bytes[%d] in cache tier[%s]: its maxValueBytes[%d] allows at most"
                            + " %d chunks of at least %d bytes",
                    payloadBytes, tier.name(), tier.maxValueBytes(), MAX_CHUNKS, MIN_CHUNK_BYTES));
        }
        if (key.length() > CacheTier.MAX_KEY_LENGTH - MAX_SUFFIX_LENGTH) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Cannot chunk key[%s] of length[%d]: chunk keys need keys of at most %d characters",
                    key, key.length(), CacheTier.MAX_KEY_LENGTH - MAX_SUFFIX_LENGTH));
        }
    }

    private static int chunkBytes(long maxValueBytes) {
        return (int) Math.min(maxValueBytes, Integer.MAX_VALUE - 8);
    }

    private static long chunkCount(long payloadBytes, int chunkBytes) {
        return Math.max(1, (payloadBytes + chunkBytes - 1) / chunkBytes);
    }

    private static boolean startsWithHeadMagic(byte[] bytes) {
        return bytes.length >= HEAD_MAGIC.length && Arrays.equals(bytes, 0, HEAD_MAGIC.length, HEAD_MAGIC,
                0, HEAD_MAGIC.length);
    }

    private static int crc32c(byte[] bytes) {
        var crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return (int) crc.getValue();
    }

    /** Is the head of a chunked payload; see the class comment for its layout. */
    private record Head(int chunkCount, int chunkBytes, long totalBytes, int checksum) {
        static Head of(byte[] payload, int chunkBytes) {
            return new Head((int) ChunkedPayloads.chunkCount(payload.length, chunkBytes), chunkBytes, payload.length,
                    crc32c(payload));
        }

        static Head decode(String key, byte[] bytes) {
            if (bytes.length != HEAD_BYTES) {
                throw corrupt(key, String.format(Locale.ROOT, "its length[%d] is not %d", bytes.length, HEAD_BYTES));
            }
            var in = ByteBuffer.wrap(bytes, HEAD_MAGIC.length, HEAD_BYTES - HEAD_MAGIC.length);
            int version = in.get();
            var head = new Head(in.getInt(), in.getInt(), in.getLong(), in.getInt());
            if (version != HEAD_VERSION) {
                throw corrupt(key, "its version[" + version + "] is not " + HEAD_VERSION);
            }
            if (head.chunkCount() < 1 || head.chunkCount() > MAX_CHUNKS || head.chunkBytes() < 1
                    || head.totalBytes() > (long) head.chunkCount() * head.chunkBytes()
                    || head.totalBytes() <= (long) (head.chunkCount() - 1) * head.chunkBytes()) {
                throw corrupt(key, String.format(Locale.ROOT, "chunks[%d] of bytes[%d] cannot hold total bytes[%d]",
                        head.chunkCount(), head.chunkBytes(), head.totalBytes()));
            }
            return head;
        }

        byte[] encode() {
            return ByteBuffer.allocate(HEAD_BYTES).put(HEAD_MAGIC).put((byte) HEAD_VERSION).putInt(chunkCount)
                    .putInt(chunkBytes).putLong(totalBytes).putInt(checksum).array();
        }

        byte[] assemble(String key, List<byte[]> chunks) {
            var payload = new byte[(int) totalBytes];
            // Checksummed chunk by chunk while each is still in the processor's cache from the copy.
            var crc = new CRC32C();
            int offset = 0;
            for (int i = 0; i < chunks.size(); i++) {
                var chunk = chunks.get(i);
                int expected = (int) Math.min(chunkBytes, totalBytes - offset);
                if (chunk.length != expected) {
                    throw corrupt(key, String.format(Locale.ROOT, "chunk[%d] has bytes[%d], not %d",
                            i, chunk.length, expected));
                }
                System.arraycopy(chunk, 0, payload, offset, chunk.length);
                crc.update(chunk, 0, chunk.length);
                offset += chunk.length;
            }
            if ((int) crc.getValue() != checksum) {
                throw corrupt(key, "its chunks fail the head's checksum");
            }
            return payload;
        }

        private static CorruptPayloadException corrupt(String key, String reason) {
            return new CorruptPayloadException(String.format(Locale.ROOT,
                    "Chunked entry[%s] is corrupt: %s", key, reason));
        }
    }
}
