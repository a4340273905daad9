package io.strata.adapters.olx;

import io.strata.ports.SourceCourse;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/*
 * Measures the OLX import for docs/benchmarks.md; run by bench/olx-import.sh, never by the suite.
 *
 *   times FOLDER ROUNDS  - for each export under FOLDER: 3 warm-up imports, then ROUNDS timed ones;
 *                          prints one Markdown row per export with the median and the range.
 *   peak EXPORT          - imports one export once in this (fresh) JVM and prints the peak heap:
 *                          the sum of the heap pools' peaks (an upper bound, as pools peak at
 *                          different moments) above the heap used before, and the heap the
 *                          imported structure keeps after a full collection.
 */
final class OlxImportBenchmark {
    private static final int WARM_UP_ROUNDS = 3;

    private OlxImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("times")) {
            times(Path.of(args[1]), Integer.parseInt(args[2]));
        } else if (args.length == 2 && args[0].equals("peak")) {
            peak(Path.of(args[1]));
        } else {
            throw new IllegalArgumentException("usage: times FOLDER ROUNDS | peak EXPORT; got "
                    + Arrays.toString(args));
        }
    }

    private static void times(Path folder, int rounds) throws Exception {
        System.out.println("| export | blocks | export size (bytes) | median import (ms) | min–max (ms) |");
        System.out.println("|---|---:|---:|---:|---:|");
        try (var children = Files.list(folder)) {
            for (var export : children.filter(Files::isDirectory).sorted().toList()) {
                var millis = new ArrayList<Double>();
                SourceCourse course = null;
                for (int i = 0; i < WARM_UP_ROUNDS + rounds; i++) {
                    long start = System.nanoTime();
                    course = importOnce(export);
                    if (i >= WARM_UP_ROUNDS) {
                        millis.add((System.nanoTime() - start) / 1e6);
                    }
                }
                millis.sort(Double::compare);
                System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %.1f–%.1f |%n", export.getFileName(),
                        course.blocks().size(), sizeOf(export), median(millis), millis.get(0),
                        millis.get(millis.size() - 1));
            }
        }
    }

    private static void peak(Path export) {
        var pools = heapPools();
        System.gc();
        long before = used(pools);
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);

        var course = importOnce(export);

        long peak = pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.gc();
        long kept = used(pools);
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f |%n", export.getFileName(), course.blocks().size(),
                (peak - before) / 1048576.0, (kept - before) / 1048576.0);
    }

    private static SourceCourse importOnce(Path export) {
        var kind = Files.exists(export.resolve("library.xml")) ? CourseXml.Kind.LIBRARY : CourseXml.Kind.COURSE;
        return new OlxCourseImport(new CourseFiles(export), kind).run();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
    }

    private static long used(List<MemoryPoolMXBean> pools) {
        return pools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String sizeOf(Path export) throws Exception {
        try (var paths = Files.walk(export)) {
            long bytes = paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
            return String.format(Locale.ROOT, "%,d", bytes);
        }
    }
}
