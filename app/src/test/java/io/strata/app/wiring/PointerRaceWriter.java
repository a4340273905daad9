package io.strata.app.wiring;

import io.strata.adapters.filesystem.FilesystemDurableStore;
import io.strata.adapters.filesystem.FilesystemDurableStoreConfig;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import io.strata.domain.store.DurableLayout;
import io.strata.domain.store.StoreListener;
import io.strata.domain.store.StructureAddress;
import io.strata.domain.store.TieredStructureStore;
import io.strata.domain.structure.BlockStructure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Is one writer process of {@link FilesystemPointerProcessRaceIT}: over the folder named by its
 * argument, it reads lines {@code <version> <generation>} from standard input, stores that version
 * of the race course with that generation, and answers {@code stored <version>} on standard output;
 * it exits at the end of its input.
 */
final class PointerRaceWriter {
    static final CourseKey COURSE = CourseKey.parse("course-v1:Race+P1+2026");
    static final DurableLayout LAYOUT = new DurableLayout("race");

    private PointerRaceWriter() {
    }

    public static void main(String[] args) throws IOException {
        var store = tiered(Path.of(args[0]));
        var input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (var line = input.readLine(); line != null; line = input.readLine()) {
            var fields = line.split(" ");
            storeVersion(store, fields[0], Long.parseLong(fields[1]));
            System.out.println("stored " + fields[0]);
            System.out.flush();
        }
    }

    /** Returns a store over a folder store of its own, as each process has. */
    static TieredStructureStore tiered(Path folder) {
        var durable = new FilesystemDurableStore(new FilesystemDurableStoreConfig(folder));
        return new TieredStructureStore(List.of(), Optional.of(durable), new StructureCodec(), LAYOUT,
                new StoreListener() { }, 3);
    }

    static StructureAddress address(String version) {
        return new StructureAddress(COURSE, version, "hash", StructureCodec.FORMAT_VERSION);
    }

    private static void storeVersion(TieredStructureStore store, String version, long generation) {
        var structure = BlockStructure.builder(COURSE, version, new UsageKey(COURSE, "course", "course")).build();
        store.store(address(version), structure, /* withDurable= */ true, generation);
    }
}
