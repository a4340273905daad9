package io.strata.bench;

import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.TransformerRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Measures the codec on one course's collected structure: encode, decode, and the floor of
 * decode, which is only decompressing the same payload's body. Run by {@code bench/codec.sh}
 * beside Python's pickle + zlib on the same structure; the course folder is the {@code course}
 * parameter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    @Param("../shared/data/olx/demo-course")
    public String course;

    private StructureCodec codec;
    private BlockStructure structure;
    private String hash;
    private byte[] payload;
    private int bodyOffset;
    private int compressedLength;
    private int bodyLength;

    @Setup
    public void setUp() {
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(Path.of(course)));
        var key = source.listCourses().courseKeys().get(0);
        var registry = TransformerRegistry.standard();
        structure = registry.collect(source.read(key));
        hash = registry.writeVersionHash();
        codec = new StructureCodec();
        payload = codec.encode(structure, hash);
        readHeader();
        System.err.printf("course[%s] blocks[%d] encoded-bytes[%d] body-bytes[%d]%n", key, structure.size(),
                payload.length, bodyLength);
    }

    /** Finds the compressed body as the layout in StructureCodec's javadoc places it. */
    private void readHeader() {
        var in = ByteBuffer.wrap(payload);
        in.position(5);
        skipHeaderString(in);
        skipHeaderString(in);
        bodyLength = in.getInt();
        compressedLength = in.getInt();
        in.getInt();
        bodyOffset = in.position();
    }

    private static void skipHeaderString(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        in.position(in.position() + length);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(structure, hash);
    }

    @Benchmark
    public BlockStructure decode() {
        return codec.decode(payload).structure();
    }

    @Benchmark
    public byte[] decompressOnly() throws DataFormatException {
        var inflater = new Inflater();
        try {
            inflater.setInput(payload, bodyOffset, compressedLength);
            var body = new byte[bodyLength];
            inflater.inflate(body);
            return body;
        } finally {
            inflater.end();
        }
    }
}
