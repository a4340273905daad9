package io.strata.adapters.filesystem;

import io.strata.ports.BackendFailureException;
import io.strata.ports.DurableStore;
import io.strata.ports.InputRejectedException;
import io.strata.testkit.DurableStoreContractTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class FilesystemDurableStoreTest extends DurableStoreContractTest {
    @TempDir
    Path temp;

    @Override
    protected DurableStore createStore() {
        return new FilesystemDurableStore(new FilesystemDurableStoreConfig(base()));
    }

    @Test
    void store_firstWrite_createsBaseFolder() {
        assertThat(base()).doesNotExist();

        store().store("a/b", bytes(3, 1));

        assertThat(base().resolve("a/b")).hasBinaryContent(bytes(3, 1));
    }

    @Test
    void checkWritable_absentFolder_createsIt() {
        new FilesystemDurableStore(new FilesystemDurableStoreConfig(base())).checkWritable();

        assertThat(base()).isDirectory();
        assertThat(base()).isEmptyDirectory();
    }

    @Test
    void checkWritable_fileInTheWay_throwsNamingTheKeyAndTheFolder() throws IOException {
        // A file as parent fails for root too, unlike a read-only folder.
        Files.write(temp.resolve("afile"), bytes(3, 1));
        var folder = temp.resolve("afile").resolve("sub");
        var store = new FilesystemDurableStore(new FilesystemDurableStoreConfig(folder));

        assertThatThrownBy(store::checkWritable)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("durable.filesystem.folder[" + folder + "]")
                .hasMessageNotContaining("java.");
    }

    @Test
    void load_afterRestart_returnsStoredBytes() {
        store().store("a/b", bytes(3, 1));

        var restarted = createStore();

        assertThat(restarted.load("a/b")).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(bytes(3, 1)));
    }

    @Test
    void describe_always_namesBaseFolder() {
        assertThat(store().describe()).isEqualTo("filesystem[" + base() + "]");
    }

    @Test
    void store_manyWrites_leavesNoTemporaryFiles() throws IOException {
        for (int i = 0; i < 20; i++) {
            store().store("a/b/" + (i % 3), bytes(100 + i, i));
        }

        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void delete_lastFileAfterConditionalWrite_leavesNoLockFile() throws IOException {
        store().storeIfUnchanged("course/current", Optional.empty(), bytes(3, 1));
        store().store("course/v1", bytes(3, 2));

        store().delete("course/current");
        var afterFirst = regularFiles();
        store().delete("course/v1");

        assertThat(afterFirst).hasSize(2);
        assertThat(regularFiles()).isEmpty();
    }

    @Test
    void store_pathOfExistingFolder_throwsBackendFailureAndLeavesNoTemporaryFile() throws IOException {
        store().store("a/b", bytes(3, 1));

        assertThatThrownBy(() -> store().store("a", bytes(3, 2)))
                .isInstanceOf(BackendFailureException.class)
                .hasMessageContaining("Cannot store path[a]")
                .hasMessageContaining(base().toString())
                .hasCauseInstanceOf(IOException.class);
        assertThat(temporaryFiles()).isEmpty();
        assertThat(store().load("a/b")).isPresent();
    }

    @Test
    void store_belowExistingFile_throwsBackendFailure() {
        store().store("a", bytes(3, 1));

        assertThatThrownBy(() -> store().store("a/b", bytes(3, 2)))
                .isInstanceOf(BackendFailureException.class)
                .hasMessageContaining("path[a/b]")
                .hasMessageNotContaining("java.");
        assertThat(store().load("a")).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(bytes(3, 1)));
    }

    @Test
    void load_belowExistingFile_returnsEmpty() {
        store().store("a", bytes(3, 1));

        assertThat(store().load("a/b")).isEmpty();
    }

    @Test
    void store_readOnlyFolder_throwsBackendFailureAndLeavesNoTemporaryFile() throws IOException {
        store().store("a/existing", bytes(3, 1));
        var folder = base().resolve("a");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // Root ignores permissions, so this failure cannot be caused when the tests run as root.
            assumeFalse(canCreateFileIn(folder), "the folder is still writable (running as root?);"
                    + " store_pathOfExistingFolder_throwsBackendFailureAndLeavesNoTemporaryFile"
                    + " covers write failures instead");

            assertThatThrownBy(() -> store().store("a/new", bytes(3, 2)))
                    .isInstanceOf(BackendFailureException.class)
                    .hasMessageContaining("path[a/new]")
                    .hasMessageContaining("access");
            assertThat(temporaryFiles()).isEmpty();
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void store_reservedTemporarySegment_throwsInputRejected() {
        assertThatThrownBy(() -> store().store("a/.tmp-x", bytes(1, 1)))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("path[a/.tmp-x]")
                .hasMessageContaining("reserves");
    }

    @Test
    void list_folderWithStrayTemporaryFile_omitsIt() throws IOException {
        store().store("a/b", bytes(1, 1));
        Files.write(base().resolve("a/.tmp-0123456789abcdef.part"), bytes(1, 1));

        assertThat(store().list("a")).containsExactly("a/b");
    }

    @Test
    void load_throughLinkToOutsideFolder_throwsInputRejected() throws IOException {
        var outside = outsideFolderWithSecret();
        Files.createDirectories(base());
        Files.createSymbolicLink(base().resolve("link"), outside);

        assertThatThrownBy(() -> store().load("link/secret"))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("path[link/secret]")
                .hasMessageContaining("outside the base folder");
    }

    @Test
    void load_linkToOutsideFile_throwsInputRejected() throws IOException {
        var outside = outsideFolderWithSecret();
        Files.createDirectories(base());
        Files.createSymbolicLink(base().resolve("secret"), outside.resolve("secret"));

        assertThatThrownBy(() -> store().load("secret")).isInstanceOf(InputRejectedException.class);
    }

    @Test
    void store_throughLinkToOutsideFolder_throwsInputRejectedAndWritesNothing() throws IOException {
        var outside = outsideFolderWithSecret();
        Files.createDirectories(base());
        Files.createSymbolicLink(base().resolve("link"), outside);

        assertThatThrownBy(() -> store().store("link/deeper/new", bytes(1, 1)))
                .isInstanceOf(InputRejectedException.class);
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).containsExactly(outside.resolve("secret"));
        }
    }

    @Test
    void list_throughLinkToOutsideFolder_throwsInputRejected() throws IOException {
        var outside = outsideFolderWithSecret();
        Files.createDirectories(base());
        Files.createSymbolicLink(base().resolve("link"), outside);

        assertThatThrownBy(() -> store().list("link")).isInstanceOf(InputRejectedException.class);
    }

    @Test
    void list_folderHoldingLinkToOutside_omitsLink() throws IOException {
        var outside = outsideFolderWithSecret();
        store().store("a/b", bytes(1, 1));
        Files.createSymbolicLink(base().resolve("a/secret"), outside.resolve("secret"));

        assertThat(store().list("a")).containsExactly("a/b");
    }

    @Test
    void load_throughLinkInsideBase_returnsStoredBytes() throws IOException {
        store().store("real/x", bytes(2, 5));
        Files.createSymbolicLink(base().resolve("alias"), base().resolve("real"));

        assertThat(store().load("alias/x")).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(bytes(2, 5)));
    }

    @Test
    void delete_throughLinkToOutsideFolder_throwsInputRejectedAndKeepsFile() throws IOException {
        var outside = outsideFolderWithSecret();
        Files.createDirectories(base());
        Files.createSymbolicLink(base().resolve("link"), outside);

        assertThatThrownBy(() -> store().delete("link/secret")).isInstanceOf(InputRejectedException.class);
        assertThat(outside.resolve("secret")).exists();
    }

    @Test
    void store_courseKeysOfTheSharedExports_areKeptUnderPercentEncodedFolders() {
        var courses = List.of("course-v1:DartmouthX+DART.ENGS.01.X+course", "course-v1:OpenedX+DemoX+DemoCourse",
                "course-v1:edX+toy+2012_Fall", "course-v1:hisp+GEN-D003-en+2022Q1", "edX+toy+2012_Fall");

        courses.forEach(course -> store().store("structures/" + course + "/current", bytes(5, 1)));

        assertThat(base().resolve("structures/course-v1%3AedX%2Btoy%2B2012_Fall/current")).exists();
        assertThat(base().resolve("structures/edX%2Btoy%2B2012_Fall/current")).exists();
        assertThat(store().list("structures")).containsExactlyInAnyOrderElementsOf(
                courses.stream().map(course -> "structures/" + course + "/current").toList());
    }

    @Test
    void store_courseKeyLongerThanAFileName_isLoadedListedAndDeleted() throws IOException {
        var course = "course-v1:UniversidadNacionalAutonomadeMexicoX"
                + "+Fundamentos_de_programacion_orientada_a_objetos_con_Java"
                + "_estructuras_de_datos_y_algoritmos_para_ingenieria_de_software"
                + "+2024_T3_self_paced_verified_track_professional_certificate_extension_for_university_partners_2025";
        var path = "structures/" + course + "/2024-11-02T10_00_00-0123456789abcdef-c2.strb";

        store().store(path, bytes(100, 2));

        assertThat(course.length()).isGreaterThan(255);
        assertThat(store().load(path)).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(bytes(100, 2)));
        assertThat(store().list("structures/" + course)).containsExactly(path);
        assertThat(namesOnDisk()).allMatch(name -> name.length() <= FileNames.MAX_NAME_LENGTH);
        store().delete(path);
        assertThat(store().load(path)).isEmpty();
    }

    @Test
    void store_hostileKeys_stayBelowTheBaseFolderUnderSafeNames() throws IOException {
        var courses = List.of("course-v1:a+b+c%2F..%2F..%2Foutside", "..%2F..%2Foutside", "...", "%2e%2e",
                "+=+", ".tmp", "~root", "CON", "nul.txt", "a\tb\nc", "\u00e9\u00e8/\u65e5\u672c", "x".repeat(1000));

        for (var course : courses) {
            store().store("prefix/" + course + "/current", bytes(3, 3));
        }

        assertThat(namesOnDisk()).allMatch(name -> name.matches("[A-Za-z0-9._~%+=-]+") && !name.equals("..")
                && name.length() <= FileNames.MAX_NAME_LENGTH);
        assertThat(temp.resolve("outside")).doesNotExist();
        assertThat(store().list("prefix")).containsExactlyInAnyOrderElementsOf(
                courses.stream().map(course -> "prefix/" + course + "/current").toList());
    }

    @Test
    void list_fileNamedAsThisStoreNeverNamesFiles_omitsIt() throws IOException {
        store().store("a/b:c", bytes(1, 1));
        Files.write(base().resolve("a/b:c"), bytes(1, 1));
        Files.write(base().resolve("a/%62"), bytes(1, 1));

        assertThat(store().list("a")).containsExactly("a/b:c");
    }

    private Path base() {
        return temp.resolve("store");
    }

    private Path outsideFolderWithSecret() throws IOException {
        var outside = Files.createDirectories(temp.resolve("outside"));
        Files.write(outside.resolve("secret"), bytes(4, 9));
        return outside;
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(base())) {
            return files.filter(file -> file.getFileName().toString().startsWith(FilesystemDurableStore.TEMP_PREFIX))
                    .collect(Collectors.toList());
        }
    }

    private List<String> namesOnDisk() throws IOException {
        try (Stream<Path> files = Files.walk(base())) {
            return files.filter(file -> !file.equals(base())).map(file -> file.getFileName().toString())
                    .collect(Collectors.toList());
        }
    }

    private static boolean canCreateFileIn(Path folder) {
        var probe = folder.resolve("probe");
        try {
            Files.write(probe, new byte[0]);
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private List<Path> regularFiles() throws IOException {
        try (Stream<Path> files = Files.walk(base())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
