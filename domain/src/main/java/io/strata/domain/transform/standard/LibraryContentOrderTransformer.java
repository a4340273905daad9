package io.strata.domain.transform.standard;

import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformOptions;
import io.strata.domain.transform.TransformView;

import java.util.HashMap;
import java.util.List;

/**
 * Puts the children of each item-bank block in the order of the learner's selection, as Open
 * edX's {@code ContentLibraryOrderTransformer}. When another transformer removed a selected child,
 * the kept children no longer match the selection and their course order stays. Runs after
 * {@link LibraryContentTransformer}; collects nothing.
 */
public final class LibraryContentOrderTransformer implements BlockTransformer {
    /** Names this transformer. */
    public static final String NAME = "library_content_order";

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
        // The item banks are recorded by LibraryContentTransformer.
    }

    /** Allows it: it reorders the children the filters kept, those below the cut included. */
    @Override
    public boolean allowsDepthCut(TransformOptions options) {
        return true;
    }

    @Override
    public void transform(TransformContext context) {
        var view = context.view();
        if (!view.hasData(LibraryContentTransformer.SELECTED)) {
            return;
        }
        var structure = view.structure();
        var banks = (List<?>) structure.transformerData(LibraryContentTransformer.NAME, structure.root(),
                LibraryContentTransformer.ITEM_BANKS);
        for (var bankValue : banks) {
            int bank = ((Number) bankValue).intValue();
            var selected = (List<?>) view.data(bank, LibraryContentTransformer.SELECTED);
            if (selected != null && view.isKept(bank)) {
                reorder(view, bank, selected);
            }
        }
    }

    private static void reorder(TransformView view, int bank, List<?> selected) {
        var children = view.childrenBeforeCut(bank);
        if (children.length != selected.size()) {
            return;
        }
        var byId = new HashMap<String, Integer>();
        for (int child : children) {
            byId.put(view.key(child).toString(), child);
        }
        var order = new int[children.length];
        for (int i = 0; i < order.length; i++) {
            var child = byId.get((String) selected.get(i));
            if (child == null) {
                return;
            }
            order[i] = child;
        }
        view.reorderChildren(bank, order);
    }
}
