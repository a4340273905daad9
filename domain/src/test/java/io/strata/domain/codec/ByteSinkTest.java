package io.strata.domain.codec;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteSinkTest {
    private static final long[] BOUNDARIES = {0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152,
        Integer.MAX_VALUE, 1L << 35, Long.MAX_VALUE, -1, Long.MIN_VALUE};

    @Test
    void readVarint_valuesAtEveryLengthBoundary_returnsThem() {
        var sink = new ByteSink(1);
        for (long value : BOUNDARIES) {
            sink.writeVarint(value);
        }

        var reader = new ByteReader(sink.array(), 0, sink.size());

        for (long value : BOUNDARIES) {
            assertThat(reader.readVarint()).isEqualTo(value);
        }
        assertThat(reader.remaining()).isZero();
    }

    @Test
    void readZigZag_signedBoundaries_returnsThem() {
        var sink = new ByteSink(1);
        for (long value : BOUNDARIES) {
            sink.writeZigZag(value);
            sink.writeZigZag(-value);
        }

        var reader = new ByteReader(sink.array(), 0, sink.size());

        for (long value : BOUNDARIES) {
            assertThat(reader.readZigZag()).isEqualTo(value);
            assertThat(reader.readZigZag()).isEqualTo(-value);
        }
    }

    @Test
    void writeVarint_smallValues_takeOneByteAndLargeOnesAtMostTen() {
        var sink = new ByteSink(1);

        sink.writeVarint(127);
        int small = sink.size();
        sink.writeVarint(-1);

        assertThat(small).isEqualTo(1);
        assertThat(sink.size() - small).isEqualTo(10);
    }

    @Test
    void readVarint_elevenContinuationBytes_throwsCorrupt() {
        var bytes = new byte[11];
        Arrays.fill(bytes, (byte) 0x80);

        var reader = new ByteReader(bytes, 0, bytes.length);

        assertThatThrownBy(reader::readVarint)
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("longer than 10 bytes");
    }

    @Test
    void readCount_largerThanBytesLeft_throwsCorrupt() {
        var sink = new ByteSink(1);
        sink.writeVarint(5);
        sink.writeByte(0);

        var reader = new ByteReader(sink.array(), 0, sink.size());

        assertThatThrownBy(() -> reader.readCount("list size"))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessage("Corrupt body: list size[5] is out of range 0..1");
    }

    @Test
    void readLong_pastTheEnd_throwsTruncated() {
        var reader = new ByteReader(new byte[4], 0, 4);

        assertThatThrownBy(reader::readLong)
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageStartingWith("Truncated body");
    }
}
