package io.strata.domain.transform.standard;

import io.strata.domain.key.InvalidKeyException;
import io.strata.domain.key.UsageKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.BlockFilter;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.FilteringTransformer;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformView;
import io.strata.ports.InputRejectedException;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/*
 * Representation, as in Open edX's _MergedGroupAccess: for each partition a block either has no
 * restriction (absent) or a set of allowed groups (possibly empty: nobody). A block's own
 * group_access entry that is missing, null or an empty list restricts nothing. The merged access of
 * a block intersects its own restriction with the union of its parents' restrictions; a parent
 * without a restriction for that partition makes the union unrestricted.
 */
/**
 * Enforces group access (cohorts, content experiments, enrollment tracks), as Open edX's
 * {@code UserPartitionTransformer} with its nested {@code SplitTestTransformer} collect.
 *
 * <p>Collect reads the course's active {@code user_partitions} plus the enrollment-track partition
 * ({@link UserPartition#enrollmentTrack()}), gives each child of a {@code split_test} block the
 * group its {@code group_id_to_child} maps it to in the experiment's partition (values in either
 * {@code i4x://} or {@code block-v1:} form), and records each block's merged group access.
 * Partitions the course does not declare are ignored.
 *
 * <p>Transform, for a user who is not staff, finds the first partition whose allowed groups do not
 * hold the user's group. Such a block is removed with its descendants, unless the partition has an
 * access-denied message: then the block is kept and given the request fields
 * {@link #DENIAL_REASON} and {@link #DENIAL_MESSAGE}, or removed when the request hides access
 * denials (Blocks API v1). All-blocks requests keep everything.
 */
public final class UserPartitionTransformer implements FilteringTransformer {
    /** Names this transformer. */
    public static final String NAME = "user_partitions";
    /** Names the course's partitions, recorded on the root as a list of maps. */
    public static final String PARTITIONS = "partitions";
    /** Names a block's merged group access: partition id (text) to the sorted allowed group ids. */
    public static final String MERGED_GROUP_ACCESS = "merged_group_access";
    /** Names the list of restricted block indexes (as {@code Long}) recorded on the root. */
    public static final String RESTRICTED_BLOCKS = "restricted_blocks";
    /** Names the field a request sets on a block kept only to show why it is denied. */
    public static final String DENIAL_REASON = "authorization_denial_reason";
    /** Names the field a request sets on a block kept only to show the access-denied message. */
    public static final String DENIAL_MESSAGE = "authorization_denial_message";

    private static final Set<String> SPLIT_TEST_TYPES = Set.of("split_test");
    /** Keys the {@link Restrictions} derived once per structure. */
    private static final Object RESTRICTIONS = new Object();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int writeVersion() {
        return 1;
    }

    @Override
    public int readVersion() {
        return 1;
    }

    @Override
    public void collect(CollectContext context) {
        var partitions = coursePartitions(context);
        var values = new ArrayList<Map<String, Object>>();
        partitions.forEach(partition -> values.add(partition.toFieldValue()));
        context.setData(context.root(), PARTITIONS, values);

        var splitAccess = splitTestAccess(context, partitions);
        var restricted = new ArrayList<Long>();
        var merged = new ArrayList<Map<Long, Set<Long>>>(context.size());
        for (int i = 0; i < context.size(); i++) {
            merged.add(null);
        }
        for (int block : context.topologicalOrder()) {
            var own = ownAccess(context, block, splitAccess.get(block));
            var access = mergedAccess(partitions, own, context.parents(block), merged);
            merged.set(block, access);
            if (!access.isEmpty()) {
                var value = new LinkedHashMap<String, Object>();
                access.forEach((partition, groups) -> value.put(String.valueOf(partition), List.copyOf(groups)));
                context.setData(block, MERGED_GROUP_ACCESS, value);
                restricted.add((long) block);
            }
        }
        if (!restricted.isEmpty()) {
            context.setData(context.root(), RESTRICTED_BLOCKS, restricted);
        }
    }

    private static List<UserPartition> coursePartitions(CollectContext context) {
        var partitions = new ArrayList<UserPartition>();
        var declared = context.field(context.root(), "user_partitions");
        if (declared instanceof List<?> list) {
            for (var item : list) {
                parsePartition(context, item).ifPresent(partitions::add);
            }
        }
        if (partitions.stream().noneMatch(p -> p.id() == UserPartition.ENROLLMENT_TRACK_ID)) {
            partitions.add(UserPartition.enrollmentTrack());
        }
        return partitions;
    }

    private static Optional<UserPartition> parsePartition(CollectContext context, Object item) {
        if (!(item instanceof Map<?, ?> map) || Boolean.FALSE.equals(map.get("active"))) {
            return Optional.empty();
        }
        var key = context.key(context.root());
        long id = SourceValues.wholeNumber(key, "user_partitions.id", map.get("id"), -1);
        var groups = new ArrayList<UserPartition.Group>();
        if (map.get("groups") instanceof List<?> groupList) {
            for (var group : groupList) {
                if (group instanceof Map<?, ?> groupMap) {
                    groups.add(new UserPartition.Group(
                            SourceValues.wholeNumber(key, "user_partitions.groups.id", groupMap.get("id"), -1),
                            String.valueOf(groupMap.get("name"))));
                }
            }
        }
        var scheme = map.get("scheme") == null ? "" : String.valueOf(map.get("scheme"));
        return Optional.of(new UserPartition(id, String.valueOf(map.get("name")), scheme, groups));
    }

    /** Returns, by child block, the partition restriction each split_test gives its children. */
    private static Map<Integer, Map<Long, List<Long>>> splitTestAccess(CollectContext context,
            List<UserPartition> partitions) {
        var access = new HashMap<Integer, Map<Long, List<Long>>>();
        for (int block = 0; block < context.size(); block++) {
            if (!SPLIT_TEST_TYPES.contains(context.key(block).type())) {
                continue;
            }
            var key = context.key(block);
            var partitionIdValue = context.sourceField(block, "user_partition_id");
            long partitionId = SourceValues.wholeNumber(key, "user_partition_id", partitionIdValue, -1);
            var partition = partitions.stream().filter(p -> p.id() == partitionId).findFirst();
            if (partition.isEmpty()) {
                continue;
            }
            var childToGroup = childToGroup(key, context.sourceField(block, "group_id_to_child"), partition.get());
            for (int child : context.children(block)) {
                var childKey = context.key(child);
                var group = childToGroup.get(childKey.type() + "@" + childKey.id());
                access.computeIfAbsent(child, c -> new HashMap<>())
                        .put(partitionId, group == null ? List.of() : List.of(group));
            }
        }
        return access;
    }

    private static Map<String, Long> childToGroup(UsageKey block, Object mapping, UserPartition partition) {
        var result = new HashMap<String, Long>();
        if (!(mapping instanceof Map<?, ?> map)) {
            return result;
        }
        for (var group : partition.groups()) {
            var location = map.get(String.valueOf(group.id()));
            if (location == null) {
                continue;
            }
            try {
                var child = UsageKey.parse(String.valueOf(location));
                result.put(child.type() + "@" + child.id(), group.id());
            } catch (InvalidKeyException e) {
                throw new InputRejectedException(String.format(Locale.ROOT,
                        "Invalid value[%s] of field[group_id_to_child] in block[%s]: expected usage keys; "
                                + "fix the course export", location, block), e);
            }
        }
        return result;
    }

    /** Returns the block's own restriction by partition id: null, or allowed groups (never empty). */
    private static Map<Long, Set<Long>> ownAccess(CollectContext context, int block,
            Map<Long, List<Long>> fromSplitTest) {
        var own = new HashMap<Long, Set<Long>>();
        var key = context.key(block);
        if (context.field(block, "group_access") instanceof Map<?, ?> declared) {
            declared.forEach((partition, groups) -> {
                var ids = new TreeSet<Long>();
                if (groups instanceof List<?> list) {
                    list.forEach(group -> ids.add(SourceValues.wholeNumber(key, "group_access", group, -1)));
                }
                own.put(SourceValues.wholeNumber(key, "group_access", partition, -1), ids);
            });
        }
        if (fromSplitTest != null) {
            fromSplitTest.forEach((partition, groups) -> own.put(partition, new TreeSet<>(groups)));
        }
        own.values().removeIf(Set::isEmpty);
        return own;
    }

    private static Map<Long, Set<Long>> mergedAccess(List<UserPartition> partitions, Map<Long, Set<Long>> own,
            List<Integer> parents, List<Map<Long, Set<Long>>> merged) {
        var access = new LinkedHashMap<Long, Set<Long>>();
        for (var partition : partitions) {
            var fromParents = parentUnion(partition.id(), parents, merged);
            var mine = own.get(partition.id());
            Set<Long> result;
            if (mine == null) {
                result = fromParents;
            } else if (fromParents == null) {
                result = mine;
            } else {
                result = new TreeSet<>(mine);
                result.retainAll(fromParents);
            }
            if (result != null) {
                access.put(partition.id(), result);
            }
        }
        return access;
    }

    /** Returns the union of the parents' allowed groups, or null when one parent allows every group. */
    private static Set<Long> parentUnion(long partition, List<Integer> parents, List<Map<Long, Set<Long>>> merged) {
        if (parents.isEmpty()) {
            return null;
        }
        var union = new TreeSet<Long>();
        for (int parent : parents) {
            var groups = merged.get(parent).get(partition);
            if (groups == null) {
                return null;
            }
            union.addAll(groups);
        }
        return union;
    }

    @Override
    public BlockFilter filter(TransformContext context) {
        var user = context.user();
        if (user.seesEverything()) {
            return BlockFilter.keepAll();
        }
        var structure = context.structure();
        var restrictions = structure.derived(RESTRICTIONS, Restrictions::of);
        if (restrictions.blocks.isEmpty()) {
            return BlockFilter.keepAll();
        }
        var partitions = restrictions.partitions;
        var userGroups = new HashMap<String, Long>();
        for (int i = 0; i < partitions.size(); i++) {
            var key = restrictions.keys[i];
            partitions.get(i).groupOf(user).ifPresent(group -> userGroups.put(key, group));
        }
        boolean hidesDenials = context.options().hidesAccessDenials();
        var view = context.view();
        return BlockFilter.removing(block -> {
            if (!restrictions.blocks.get(block)) {
                return false;
            }
            var access = (Map<?, ?>) structure.transformerData(NAME, block, MERGED_GROUP_ACCESS);
            var denying = denyingPartition(restrictions, access, userGroups);
            if (denying == null) {
                return false;
            }
            if (!denying.hasAccessDeniedMessage() || hidesDenials) {
                return true;
            }
            markDenied(view, block, denying, access);
            return false;
        });
    }

    /** Returns the partitions recorded for the structure. */
    public static List<UserPartition> partitionsOf(BlockStructure structure) {
        var recorded = structure.transformerData(NAME, structure.root(), PARTITIONS);
        if (!(recorded instanceof List<?> list)) {
            return List.of();
        }
        var partitions = new ArrayList<UserPartition>(list.size());
        list.forEach(value -> partitions.add(UserPartition.fromFieldValue(value)));
        return partitions;
    }

    private static UserPartition denyingPartition(Restrictions restrictions, Map<?, ?> access,
            Map<String, Long> userGroups) {
        for (int i = 0; i < restrictions.keys.length; i++) {
            var key = restrictions.keys[i];
            var allowed = (List<?>) access.get(key);
            if (allowed == null) {
                continue;
            }
            var group = userGroups.get(key);
            if (group == null || !allowed.contains(group)) {
                return restrictions.partitions.get(i);
            }
        }
        return null;
    }

    /**
     * Is what the filter reads of the collected data besides each block's access, read once per
     * structure: the restricted blocks, the partitions, and each partition's id as the text that
     * keys merged access.
     */
    private record Restrictions(BitSet blocks, List<UserPartition> partitions, String[] keys) {
        static Restrictions of(BlockStructure structure) {
            var partitions = List.copyOf(partitionsOf(structure));
            var keys = partitions.stream().map(partition -> String.valueOf(partition.id())).toArray(String[]::new);
            return new Restrictions(Derived.blocks(structure.transformerData(NAME, structure.root(),
                    RESTRICTED_BLOCKS)), partitions, keys);
        }
    }

    private static void markDenied(TransformView view, int block, UserPartition partition, Map<?, ?> access) {
        var allowed = new ArrayList<Long>();
        for (var group : (List<?>) access.get(String.valueOf(partition.id()))) {
            allowed.add(((Number) group).longValue());
        }
        view.overrideField(block, DENIAL_REASON, partition.name());
        view.overrideField(block, DENIAL_MESSAGE, partition.accessDeniedMessage(allowed));
    }
}
