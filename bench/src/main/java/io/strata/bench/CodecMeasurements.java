package io.strata.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.TransformerRegistry;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of {@code bench/codec.sh} that JMH does not measure, each run in a fresh JVM:
 * <ul>
 *   <li>{@code export COURSE FILE}: writes the collected structure as plain maps and lists (JSON),
 *       in the shape Open edX pickles: per block its parents, children, fields and each
 *       transformer's data; dates as {@code {"$date": ISO-8601}} so Python can rebuild datetimes;
 *       it also prints the size of Strata's payload of the same structure;</li>
 *   <li>{@code retained COURSE}: the heap a decoded structure keeps, per block;</li>
 *   <li>{@code peak COURSE}: the peak heap of importing and collecting the course.</li>
 * </ul>
 * Results go to standard output as {@code name=value} lines.
 */
public final class CodecMeasurements {
    private static final int SETTLE_ROUNDS = 5;

    private CodecMeasurements() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        var course = Path.of(args[1]);
        switch (args[0]) {
            case "export" -> export(collect(course), Path.of(args[2]));
            case "retained" -> retained(course);
            case "peak" -> peak(course);
            default -> throw new IllegalArgumentException("Unknown measurement[" + args[0]
                    + "]; use export, retained or peak");
        }
    }

    private static BlockStructure collect(Path folder) {
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(folder));
        var key = source.listCourses().courseKeys().get(0);
        return TransformerRegistry.standard().collect(source.read(key));
    }

    private static void export(BlockStructure structure, Path file) throws IOException {
        var blocks = new LinkedHashMap<String, Object>();
        for (int block = 0; block < structure.size(); block++) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("parents", keys(structure, structure.parents(block)));
            entry.put("children", keys(structure, structure.children(block)));
            entry.put("fields", plain(structure.fields(block)));
            var data = new LinkedHashMap<String, Object>();
            for (var transformer : structure.transformersWithData()) {
                data.put(transformer, plain(structure.transformerData(transformer, block)));
            }
            entry.put("transformer_data", data);
            blocks.put(structure.key(block).toString(), entry);
        }
        var root = new LinkedHashMap<String, Object>();
        root.put("root", structure.key(0).toString());
        root.put("blocks", blocks);
        root.put("transformer_versions", structure.transformerVersions());
        new ObjectMapper().writeValue(file.toFile(), root);
        System.out.println("blocks=" + structure.size());
        System.out.println("strata_bytes=" + new StructureCodec().encode(structure, "hash").length);
    }

    private static List<String> keys(BlockStructure structure, int[] blocks) {
        var keys = new ArrayList<String>(blocks.length);
        for (int block : blocks) {
            keys.add(structure.key(block).toString());
        }
        return keys;
    }

    private static Object plain(Object value) {
        if (value instanceof Instant instant) {
            return Map.of("$date", instant.toString());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CodecMeasurements::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>();
            map.forEach((name, item) -> copy.put((String) name, plain(item)));
            return copy;
        }
        return value;
    }

    private static void retained(Path course) throws InterruptedException {
        var collected = collect(course);
        var payload = new StructureCodec().encode(collected, "hash");
        collected = null;
        long before = settledHeap();
        var decoded = new StructureCodec().decode(payload).structure();
        long after = settledHeap();
        System.out.printf(Locale.ROOT, "blocks=%d%nretained_bytes=%d%nretained_bytes_per_block=%d%n",
                decoded.size(), after - before, (after - before) / decoded.size());
    }

    private static long settledHeap() throws InterruptedException {
        var runtime = Runtime.getRuntime();
        for (int i = 0; i < SETTLE_ROUNDS; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void peak(Path course) {
        var pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        var structure = collect(course);
        long peak = pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "blocks=%d%npeak_heap_bytes=%d%nmax_heap_bytes=%d%n", structure.size(), peak,
                Runtime.getRuntime().maxMemory());
    }
}
