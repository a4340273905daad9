package io.strata.domain.api;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.TransformView;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.domain.transform.standard.LibraryContentTransformer;
import io.strata.ports.LearnerSource;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Serves the Blocks API from a collected structure: transforms it once for the user and the
 * request, then shapes the response. Thread-safe; finding the structure is the caller's job. When
 * it has a learner source that saves selections, each item-bank selection that a request made or
 * changed for a known user is saved through it, so that the learner sees it again next time.
 */
public final class BlocksApi {
    private final TransformerRegistry registry;
    private final Optional<LearnerSource> selectionStore;

    /** Creates an API that saves no item-bank selection; selections are derived on every request. */
    public BlocksApi(TransformerRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        this.selectionStore = Optional.empty();
    }

    /** Creates an API that saves item-bank selections through the source when it saves them. */
    public BlocksApi(TransformerRegistry registry, LearnerSource learners) {
        this.registry = requireNonNull(registry, "registry is null");
        requireNonNull(learners, "learners is null");
        this.selectionStore = learners.isSavingSelections() ? Optional.of(learners) : Optional.empty();
    }

    /**
     * Returns the response to one request by one user.
     *
     * @throws io.strata.ports.ItemNotFoundException when the start block is not in the structure
     * @throws IllegalStateException when the structure is not up to date for the registry
     * @throws io.strata.ports.BackendUnavailableException when a changed selection cannot be saved
     */
    public BlocksResponse render(BlockStructure structure, BlocksRequest request, UserContext user) {
        return renderOnce(structure, request, user).response();
    }

    /**
     * Returns the response to one request by one user, and whether rendering it saved anything.
     *
     * @throws io.strata.ports.ItemNotFoundException when the start block is not in the structure
     * @throws IllegalStateException when the structure is not up to date for the registry
     * @throws io.strata.ports.BackendUnavailableException when a changed selection cannot be saved
     */
    public Rendered renderOnce(BlockStructure structure, BlocksRequest request, UserContext user) {
        requireNonNull(structure, "structure is null");
        requireNonNull(request, "request is null");
        requireNonNull(user, "user is null");
        var view = registry.transform(structure, user, request.toTransformOptions());
        boolean saved = saveSelections(structure, user, view);
        return new Rendered(BlocksResponse.of(view, request), saved);
    }

    private boolean saveSelections(BlockStructure structure, UserContext user, TransformView view) {
        if (selectionStore.isEmpty() || user.learner().isEmpty()) {
            return false;
        }
        var username = user.learner().get().username();
        var course = structure.courseKey().toString();
        var changed = LibraryContentTransformer.changedSelections(view);
        changed.forEach((block, selected) -> selectionStore.get().saveSelection(username, course, block, selected));
        return !changed.isEmpty();
    }

    /**
     * Is a rendered response and whether rendering it saved item-bank selections through the learner
     * source: a response that saved something is not the answer to a later identical request alone,
     * which must save again when the saved state was lost.
     *
     * @param response the response
     * @param hasSavedSelections whether a changed selection was saved
     */
    public record Rendered(BlocksResponse response, boolean hasSavedSelections) {
        public Rendered {
            requireNonNull(response, "response is null");
        }
    }
}
