package io.strata.domain.api;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;

import static java.util.Objects.requireNonNull;

/**
 * Serves the Blocks API from a collected structure: transforms it once for the user and the
 * request, then shapes the response. Pure and thread-safe; finding the structure is the caller's job.
 */
public final class BlocksApi {
    private final TransformerRegistry registry;

    public BlocksApi(TransformerRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /**
     * Returns the response to one request by one user.
     *
     * @throws io.strata.ports.ItemNotFoundException when the start block is not in the structure
     * @throws IllegalStateException when the structure is not up to date for the registry
     */
    public BlocksResponse render(BlockStructure structure, BlocksRequest request, UserContext user) {
        requireNonNull(structure, "structure is null");
        requireNonNull(request, "request is null");
        requireNonNull(user, "user is null");
        var view = registry.transform(structure, user, request.toTransformOptions());
        return BlocksResponse.of(view, request);
    }
}
