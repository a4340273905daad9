package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.BlockFilter;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.FilteringTransformer;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformView;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32C;

/*
 * Selection follows Open edX's ItemBankMixin.make_selection: drop saved children that are gone,
 * drop random extras when max_count shrank, add random new children until max_count, and shuffle
 * the result whenever it changed. Open edX draws from an unseeded generator and stores the result;
 * here the generator is seeded with the username, the block and the saved selection, so the same
 * learner gets the same selection even when nothing is stored, and a stored one stays as it is.
 */
/**
 * Gives each learner a selection of {@code max_count} children of each item-bank block
 * ({@code library_content}, {@code itembank}), as Open edX's {@code ContentLibraryTransformer}.
 *
 * <p>Collect records, on the root, the item-bank blocks, and on each its {@code max_count}
 * (default 1; a negative count selects every child).
 *
 * <p>Transform starts from the selection saved for the learner (the learner record's item-bank
 * selections), keeps the saved children that still exist, and tops it up to {@code max_count}.
 * Unselected children are removed with their descendants. The selection, in its order, is stored as
 * {@link #SELECTED} request data on the block, and as {@link #CHANGED_SELECTION} too when it differs
 * from the saved one, for the caller to save. Staff are not exempt; all-blocks requests keep every
 * child.
 */
public final class LibraryContentTransformer implements FilteringTransformer {
    /** Names this transformer. */
    public static final String NAME = "library_content";
    /** Names the list of item-bank block indexes (as {@code Long}) recorded on the root. */
    public static final String ITEM_BANKS = "item_banks";
    /** Names the recorded max count of an item-bank block. */
    public static final String MAX_COUNT = "max_count";
    /** Names the request data holding an item-bank block's selected child usage ids, in order. */
    public static final String SELECTED = "selected_children";
    /** Names the request data holding a selection that differs from the saved one. */
    public static final String CHANGED_SELECTION = "changed_selection";

    private static final Set<String> ITEM_BANK_TYPES = Set.of("library_content", "itembank");
    private static final long DEFAULT_MAX_COUNT = 1;
    /** Keys the {@link BankIds} derived once per structure. */
    private static final Object BANK_IDS = new Object();

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
        var banks = new ArrayList<Long>();
        for (int block = 0; block < context.size(); block++) {
            var key = context.key(block);
            if (ITEM_BANK_TYPES.contains(key.type())) {
                banks.add((long) block);
                context.setData(block, MAX_COUNT,
                        SourceValues.wholeNumber(key, MAX_COUNT, context.sourceField(block, MAX_COUNT),
                                DEFAULT_MAX_COUNT));
            }
        }
        if (!banks.isEmpty()) {
            context.setData(context.root(), ITEM_BANKS, banks);
        }
    }

    @Override
    public BlockFilter filter(TransformContext context) {
        var structure = context.structure();
        var banks = (List<?>) structure.transformerData(NAME, structure.root(), ITEM_BANKS);
        if (banks == null || context.user().isAllBlocks()) {
            return BlockFilter.keepAll();
        }
        var view = context.view();
        var unselected = new BitSet(structure.size());
        var username = context.user().username().orElse("");
        var saved = context.user().learner().map(learner -> learner.itemBankSelections()).orElse(Map.of());
        var ids = structure.derived(BANK_IDS, BankIds::of);
        for (int i = 0; i < ids.banks.length; i++) {
            if (view.isKept(ids.banks[i])) {
                select(view, ids, i, username, saved, unselected);
            }
        }
        return unselected.isEmpty() ? BlockFilter.keepAll() : BlockFilter.removing(unselected::get);
    }

    private static void select(TransformView view, BankIds ids, int index, String username,
            Map<String, List<String>> saved, BitSet unselected) {
        int bank = ids.banks[index];
        var childIds = new LinkedHashMap<String, Integer>();
        var structure = view.structure();
        for (int slot = 0; slot < structure.childCount(bank); slot++) {
            int child = structure.child(bank, slot);
            if (view.isKept(child)) {
                childIds.put(ids.childIds[index][slot], child);
            }
        }
        if (childIds.isEmpty()) {
            return;
        }
        var bankId = ids.bankIds[index];
        var previous = saved.getOrDefault(bankId, List.of());
        long maxCount = ids.maxCounts[index];
        var selected = makeSelection(previous, childIds.keySet(), maxCount < 0 ? childIds.size() : maxCount,
                seed(username, bankId, previous));

        var chosen = new LinkedHashSet<>(selected);
        childIds.forEach((id, child) -> {
            if (!chosen.contains(id)) {
                unselected.set(child);
            }
        });
        view.setData(bank, SELECTED, List.copyOf(selected));
        if (!selected.equals(previous)) {
            view.setData(bank, CHANGED_SELECTION, List.copyOf(selected));
        }
    }

    /**
     * Is what selection reads of each item bank, spelled out once per structure: its index, usage
     * id, max count and its children's usage ids, in the structure's child order.
     */
    private record BankIds(int[] banks, String[] bankIds, long[] maxCounts, String[][] childIds) {
        static BankIds of(BlockStructure structure) {
            var recorded = (List<?>) structure.transformerData(NAME, structure.root(), ITEM_BANKS);
            int count = recorded == null ? 0 : recorded.size();
            var ids = new BankIds(new int[count], new String[count], new long[count], new String[count][]);
            for (int i = 0; i < count; i++) {
                int bank = ((Number) recorded.get(i)).intValue();
                ids.banks[i] = bank;
                ids.bankIds[i] = structure.key(bank).toString();
                ids.maxCounts[i] = (Long) structure.transformerData(NAME, bank, MAX_COUNT);
                ids.childIds[i] = new String[structure.childCount(bank)];
                for (int slot = 0; slot < ids.childIds[i].length; slot++) {
                    ids.childIds[i][slot] = structure.key(structure.child(bank, slot)).toString();
                }
            }
            return ids;
        }
    }

    /** Returns the selection for one block: the valid saved children topped up or cut to the count. */
    static List<String> makeSelection(List<String> previous, Set<String> children, long maxCount, long seed) {
        var random = new Random(seed);
        var kept = new ArrayList<String>();
        for (var id : previous) {
            if (children.contains(id) && !kept.contains(id)) {
                kept.add(id);
            }
        }
        boolean changed = kept.size() != previous.size();
        while (kept.size() > maxCount) {
            kept.remove(random.nextInt(kept.size()));
            changed = true;
        }
        var pool = new ArrayList<String>();
        for (var id : children) {
            if (!kept.contains(id)) {
                pool.add(id);
            }
        }
        while (kept.size() < maxCount && !pool.isEmpty()) {
            kept.add(pool.remove(random.nextInt(pool.size())));
            changed = true;
        }
        if (changed) {
            Collections.shuffle(kept, random);
        }
        return kept;
    }

    private static long seed(String username, String bankId, List<String> previous) {
        var crc = new CRC32C();
        crc.update((username + "\n" + bankId + "\n" + String.join(",", previous)).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** Returns, for each item-bank block whose selection changed in this request, the new selection. */
    public static Map<String, List<String>> changedSelections(TransformView view) {
        var changed = new HashMap<String, List<String>>();
        var banks = (List<?>) view.structure().transformerData(NAME, view.structure().root(), ITEM_BANKS);
        if (banks == null || !view.hasData(CHANGED_SELECTION)) {
            return changed;
        }
        for (var bankValue : banks) {
            int bank = ((Number) bankValue).intValue();
            @SuppressWarnings("unchecked")
            var selection = (List<String>) view.data(bank, CHANGED_SELECTION);
            if (selection != null) {
                changed.put(view.key(bank).toString(), selection);
            }
        }
        return changed;
    }
}
