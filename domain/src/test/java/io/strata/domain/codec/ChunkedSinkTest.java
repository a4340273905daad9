package io.strata.domain.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkedSinkTest {
    @Test
    void next_chunkBelowItsSize_returnsSameSink() {
        var section = new ChunkedSink(100);
        var first = section.next();
        first.writeBytes(new byte[ChunkedSink.CHUNK_BYTES - 1], 0, ChunkedSink.CHUNK_BYTES - 1);

        var second = section.next();

        assertThat(second).isSameAs(first);
        assertThat(section.chunks()).hasSize(1);
    }

    @Test
    void next_chunkAtItsSize_startsNewChunkWithoutSplittingTheLastItem() {
        var section = new ChunkedSink(ChunkedSink.CHUNK_BYTES * 4L);
        section.next().writeBytes(new byte[ChunkedSink.CHUNK_BYTES - 1], 0, ChunkedSink.CHUNK_BYTES - 1);
        section.next().writeBytes(new byte[10], 0, 10);

        section.next().writeVarint(300);

        assertThat(section.chunks()).hasSize(2);
        assertThat(section.chunks().get(0).size()).isEqualTo(ChunkedSink.CHUNK_BYTES + 9);
        assertThat(section.chunks().get(1).size()).isEqualTo(2);
        assertThat(section.size()).isEqualTo(ChunkedSink.CHUNK_BYTES + 11L);
    }

    @Test
    void next_itemLargerThanAChunk_growsItsChunk() {
        var section = new ChunkedSink(16);

        section.next().writeBytes(new byte[ChunkedSink.CHUNK_BYTES * 2], 0, ChunkedSink.CHUNK_BYTES * 2);
        section.next().writeByte(1);

        assertThat(section.chunks()).hasSize(2);
        assertThat(section.size()).isEqualTo(ChunkedSink.CHUNK_BYTES * 2L + 1);
    }
}
