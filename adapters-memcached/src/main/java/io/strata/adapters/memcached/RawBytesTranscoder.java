package io.strata.adapters.memcached;

import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.Transcoder;

/**
 * Sends values as they are, with flags 0: no serialization and none of the client's own gzip
 * compression (the payloads are compressed already), and no client-side cap below the tier's limit.
 */
final class RawBytesTranscoder implements Transcoder<byte[]> {
    private static final int FLAGS = 0;

    private final int maxSize;

    RawBytesTranscoder(int maxSize) {
        this.maxSize = maxSize;
    }

    @Override
    public boolean asyncDecode(CachedData data) {
        return false;
    }

    @Override
    public CachedData encode(byte[] value) {
        return new CachedData(FLAGS, value, maxSize);
    }

    @Override
    public byte[] decode(CachedData data) {
        return data.getData();
    }

    @Override
    public int getMaxSize() {
        return maxSize;
    }
}
