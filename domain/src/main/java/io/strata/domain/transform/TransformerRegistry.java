package io.strata.domain.transform;

import io.strata.domain.collect.StructureCollector;
import io.strata.domain.key.CourseKey;
import io.strata.domain.key.InvalidKeyException;
import io.strata.domain.key.UsageKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.structure.BlockStructureBuilder;
import io.strata.domain.transform.standard.BlockCountsTransformer;
import io.strata.domain.transform.standard.BlockDepthTransformer;
import io.strata.domain.transform.standard.BlockNavigationTransformer;
import io.strata.domain.transform.standard.ExtraFieldsTransformer;
import io.strata.domain.transform.standard.HiddenContentTransformer;
import io.strata.domain.transform.standard.HideEmptyTransformer;
import io.strata.domain.transform.standard.LibraryContentOrderTransformer;
import io.strata.domain.transform.standard.LibraryContentTransformer;
import io.strata.domain.transform.standard.SplitTestTransformer;
import io.strata.domain.transform.standard.StartDateTransformer;
import io.strata.domain.transform.standard.StudentViewTransformer;
import io.strata.domain.transform.standard.UserPartitionTransformer;
import io.strata.domain.transform.standard.VisibilityTransformer;
import io.strata.ports.InputRejectedException;
import io.strata.ports.SourceBlock;
import io.strata.ports.SourceBlockId;
import io.strata.ports.SourceCourse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Is the ordered set of transformers a deployment runs: it collects courses into block structures
 * with all of them, and runs their per-request phase on a view of a collected structure.
 *
 * <p>Per request, the filters of every {@link FilteringTransformer} are applied together in one
 * topological pass first; the other transformers then run in registration order. When the request
 * sets a maximum depth and every transformer before the {@link BlockDepthTransformer} allows it
 * ({@link BlockTransformer#allowsDepthCut}), the pass stops at that depth
 * ({@link TransformView#applyFiltersWithin}), with the same response. No step leaves
 * a kept block unreachable: {@link TransformView} removes orphaned descendants with their parent.
 *
 * <p>Immutable and thread-safe when its transformers are (they must be stateless).
 */
public final class TransformerRegistry implements StructureCollector {
    private static final int HASH_HEX_CHARS = 12;

    private final List<BlockTransformer> transformers;
    private final List<FilteringTransformer> filters;
    private final List<BlockTransformer> others;
    private final List<String> keptFields;
    private final String writeVersionHash;

    /**
     * Creates a registry of the given transformers, in order.
     *
     * @throws IllegalArgumentException when two transformers share a name or a version is below 1
     */
    public TransformerRegistry(List<? extends BlockTransformer> transformers) {
        requireNonNull(transformers, "transformers is null");
        this.transformers = List.copyOf(transformers);
        checkNamesAndVersions(this.transformers);
        this.filters = this.transformers.stream()
                .filter(FilteringTransformer.class::isInstance).map(FilteringTransformer.class::cast).toList();
        this.others = this.transformers.stream().filter(t -> !(t instanceof FilteringTransformer)).toList();
        var fields = new TreeSet<>(CollectedFields.BLOCKS_API);
        this.transformers.forEach(t -> fields.addAll(t.collectedFields()));
        this.keptFields = List.copyOf(fields);
        this.writeVersionHash = hashOf(this.transformers);
    }

    /**
     * Returns the registry of the standard per-learner pipeline, in Open edX's order. Filters (run
     * together in one pass): item-bank selection, start dates, group access, split tests, staff-only
     * visibility and hidden-after-due. Then, in order: item-bank order, removal of the containers the
     * filters emptied, student view data, block counts, depth and navigation (counts before the
     * depth limit, navigation after it), and the extra fields a request may ask for by name.
     */
    public static TransformerRegistry standard() {
        return new TransformerRegistry(List.of(new LibraryContentTransformer(), new StartDateTransformer(),
                new UserPartitionTransformer(), new SplitTestTransformer(), new VisibilityTransformer(),
                new HiddenContentTransformer(), new LibraryContentOrderTransformer(), new HideEmptyTransformer(),
                new StudentViewTransformer(),
                new BlockCountsTransformer(), new BlockDepthTransformer(), new BlockNavigationTransformer(),
                new ExtraFieldsTransformer(ExtraFieldsTransformer.DEFAULT_FIELDS)));
    }

    /** Returns the registered transformers in order. */
    public List<BlockTransformer> transformers() {
        return transformers;
    }

    /** Returns the names of the source fields every collected structure keeps, sorted. */
    public List<String> keptFields() {
        return keptFields;
    }

    @Override
    public BlockStructure collect(SourceCourse course) {
        requireNonNull(course, "course is null");
        var courseKey = CourseKey.parse(course.courseKey());
        var builder = BlockStructure.builder(courseKey, course.version(), usageKey(courseKey, course.root()));
        var sourceFields = addBlocks(course, courseKey, builder);
        addRelations(course, builder);
        int[] order = checkedTopologicalOrder(course, builder);
        keepFields(builder, sourceFields);

        for (var transformer : transformers) {
            transformer.collect(new CollectContext(transformer.name(), builder, sourceFields, order));
            builder.setTransformerVersion(transformer.name(), transformer.writeVersion());
        }
        return build(course, builder);
    }

    @Override
    public String writeVersionHash() {
        return writeVersionHash;
    }

    @Override
    public boolean isUpToDate(BlockStructure structure) {
        requireNonNull(structure, "structure is null");
        return transformers.stream().allMatch(t -> isUpToDate(structure, t));
    }

    /** Runs every transformer's per-request phase for a request for the whole course with no option. */
    public TransformView transform(BlockStructure structure, UserContext user) {
        return transform(structure, user, TransformOptions.none());
    }

    /**
     * Runs every transformer's per-request phase on a new view of the structure and returns the view;
     * the structure is not changed.
     *
     * @throws io.strata.ports.ItemNotFoundException when the start block is not in the structure
     * @throws IllegalStateException when the structure was collected with an older version of a
     *     transformer than this registry can read ({@link #isUpToDate} is false): collect it again
     */
    public TransformView transform(BlockStructure structure, UserContext user, TransformOptions options) {
        requireNonNull(structure, "structure is null");
        requireNonNull(user, "user is null");
        requireNonNull(options, "options is null");
        checkUpToDate(structure);

        var view = options.startBlock().map(start -> TransformView.rootedAt(structure, start))
                .orElseGet(() -> TransformView.of(structure));
        var context = new TransformContext(view, user, options);
        var requestFilters = filters.stream().map(filter -> filter.filter(context)).toList();
        if (options.maxDepth().isPresent() && allowsDepthCut(options)) {
            view.applyFiltersWithin(requestFilters, options.maxDepth().get());
        } else {
            view.applyFilters(requestFilters);
        }
        // No pruning between steps: every change a view allows leaves each kept block reachable.
        for (var transformer : others) {
            transformer.transform(context);
        }
        view.limitValidity(context.time().window());
        return view;
    }

    /**
     * Returns whether the filter pass may stop at the request's maximum depth: a
     * {@link BlockDepthTransformer} applies it, and every transformer before that one allows it.
     * Those after it see a view cut at the depth either way.
     */
    private boolean allowsDepthCut(TransformOptions options) {
        for (var transformer : others) {
            if (transformer instanceof BlockDepthTransformer) {
                return true;
            }
            if (!transformer.allowsDepthCut(options)) {
                return false;
            }
        }
        return false;
    }

    private List<Map<String, Object>> addBlocks(SourceCourse course, CourseKey courseKey,
            BlockStructureBuilder builder) {
        if (course.blocks().isEmpty() || !course.blocks().get(0).id().equals(course.root())) {
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "Course[%s] does not list its root block[%s] first: fix the course source",
                    course.courseKey(), course.root()));
        }
        var sourceFields = new ArrayList<Map<String, Object>>(course.blocks().size());
        for (var block : course.blocks()) {
            int index = builder.addBlock(usageKey(courseKey, block.id()));
            if (index != sourceFields.size()) {
                throw new InputRejectedException(String.format(Locale.ROOT,
                        "Course[%s] lists block[%s] twice: fix the course source", course.courseKey(), block.id()));
            }
            sourceFields.add(block.fields());
        }
        return sourceFields;
    }

    private static void addRelations(SourceCourse course, BlockStructureBuilder builder) {
        var indexById = new HashMap<SourceBlockId, Integer>();
        for (int i = 0; i < course.blocks().size(); i++) {
            indexById.put(course.blocks().get(i).id(), i);
        }
        for (int parent = 0; parent < course.blocks().size(); parent++) {
            var block = course.blocks().get(parent);
            for (var childId : block.children()) {
                addChild(course, builder, parent, block, indexById.get(childId), childId);
            }
        }
    }

    private static void addChild(SourceCourse course, BlockStructureBuilder builder, int parent, SourceBlock block,
            Integer child, SourceBlockId childId) {
        if (child == null) {
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "Block[%s] of course[%s] names child[%s], which the course does not contain: "
                            + "fix the course source", block.id(), course.courseKey(), childId));
        }
        try {
            builder.addChild(parent, child);
        } catch (IllegalArgumentException e) {
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "Course[%s] has an invalid relation: %s", course.courseKey(), e.getMessage()), e);
        }
    }

    /** Returns every block, each after all of its parents; rejects a cycle or an unreachable block. */
    private static int[] checkedTopologicalOrder(SourceCourse course, BlockStructureBuilder builder) {
        int size = builder.size();
        var done = new BitSet(size);
        var onPath = new BitSet(size);
        var postOrder = new int[size];
        int count = 0;
        var stackBlocks = new int[size];
        var stackNext = new int[size];
        int top = 0;
        onPath.set(0);
        stackNext[0] = builder.children(0).size() - 1;
        while (top >= 0) {
            int block = stackBlocks[top];
            int next = stackNext[top];
            if (next < 0) {
                onPath.clear(block);
                done.set(block);
                postOrder[count++] = block;
                top--;
                continue;
            }
            int child = builder.children(block).get(next);
            stackNext[top] = next - 1;
            if (onPath.get(child)) {
                throw new InputRejectedException(String.format(Locale.ROOT,
                        "Block[%s] of course[%s] is its own ancestor: fix the course source",
                        builder.key(child), course.courseKey()));
            }
            if (!done.get(child)) {
                onPath.set(child);
                top++;
                stackBlocks[top] = child;
                stackNext[top] = builder.children(child).size() - 1;
            }
        }
        if (count < size) {
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "Block[%s] of course[%s] is not reachable from the root: fix the course source",
                    builder.key(done.nextClearBit(0)), course.courseKey()));
        }
        var order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = postOrder[size - 1 - i];
        }
        return order;
    }

    private void keepFields(BlockStructureBuilder builder, List<Map<String, Object>> sourceFields) {
        // Sorted names, not the source map's order, so that equal courses give equal bytes.
        for (int block = 0; block < sourceFields.size(); block++) {
            for (var name : keptFields) {
                var value = sourceFields.get(block).get(name);
                if (value != null) {
                    keepField(builder, block, name, value);
                }
            }
        }
    }

    private static void keepField(BlockStructureBuilder builder, int block, String name, Object value) {
        var key = builder.key(block);
        try {
            builder.setField(block, name, CollectedFields.normalize(key, name, value));
        } catch (IllegalArgumentException e) {
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "Field[%s] of block[%s] has an unsupported value: %s", name, key, e.getMessage()), e);
        }
    }

    private static BlockStructure build(SourceCourse course, BlockStructureBuilder builder) {
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "Course[%s] is not a valid block structure: %s", course.courseKey(), e.getMessage()), e);
        }
    }

    private static UsageKey usageKey(CourseKey courseKey, SourceBlockId id) {
        try {
            return new UsageKey(courseKey, id.type(), id.id());
        } catch (InvalidKeyException e) {
            throw new InvalidKeyException(String.format(Locale.ROOT,
                    "Invalid block id[%s] in course[%s]: %s", id, courseKey, e.getMessage()));
        }
    }

    private void checkUpToDate(BlockStructure structure) {
        for (var transformer : transformers) {
            if (!isUpToDate(structure, transformer)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "Structure[%s] was collected with transformer[%s] version[%s], below its read version[%d]:"
                                + " collect the course again", structure, transformer.name(),
                        structure.transformerVersions().get(transformer.name()), transformer.readVersion()));
            }
        }
    }

    private static boolean isUpToDate(BlockStructure structure, BlockTransformer transformer) {
        var recorded = structure.transformerVersions().get(transformer.name());
        return recorded != null && recorded >= transformer.readVersion();
    }

    private static void checkNamesAndVersions(List<BlockTransformer> transformers) {
        var names = new HashMap<String, BlockTransformer>();
        for (var transformer : transformers) {
            requireNonNull(transformer, "transformer is null");
            var name = requireNonNull(transformer.name(), "transformer name is null");
            if (names.putIfAbsent(name, transformer) != null) {
                throw new IllegalArgumentException("Transformer name[" + name + "] is registered twice: rename one");
            }
            if (transformer.writeVersion() < 1 || transformer.readVersion() < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Transformer[%s] has write version[%d] and read version[%d]: both must be at least 1",
                        name, transformer.writeVersion(), transformer.readVersion()));
            }
        }
    }

    private static String hashOf(List<BlockTransformer> transformers) {
        var lines = new StringBuilder();
        transformers.stream().map(t -> t.name() + ":" + t.writeVersion()).sorted()
                .forEach(line -> lines.append(line).append('\n'));
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(lines.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
