package io.strata.domain.api;

import io.strata.domain.key.UsageKey;
import io.strata.domain.transform.TransformOptions;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Is one Blocks API request, after the app has parsed its parameters (Open edX's
 * {@code GET /api/courses/v1/blocks/}). Who asks is not part of it; see
 * {@link io.strata.domain.transform.UserContext}.
 *
 * @param startBlock the block to start at; empty for the course root
 * @param depth how many levels below the start block to return; empty for all (Open edX's
 *     {@code depth=all}); the app passes what the user asked, 0 being only the start block
 * @param navDepth the navigation depth for {@code descendants} lists; empty for none
 * @param requestedFields the optional fields to return, such as {@code children} or {@code graded}
 * @param blockCountTypes the block types to count under each block; empty for no {@code block_counts}
 * @param returnType the shape of the response
 * @param lmsBaseUrl the LMS root that block URLs start with, such as {@code https://lms.example.com};
 *     a trailing slash is dropped
 * @param studentViewDataTypes the block types whose {@code student_view_data} to return (Open edX's
 *     {@code student_view_data} parameter); empty for none
 * @param apiVersion the API version: v1 leaves out access-denied blocks, v2 returns them with the reason
 */
public record BlocksRequest(Optional<UsageKey> startBlock, Optional<Integer> depth, Optional<Integer> navDepth,
        Set<String> requestedFields, Set<String> blockCountTypes, ReturnType returnType, String lmsBaseUrl,
        Set<String> studentViewDataTypes, BlocksApiVersion apiVersion) {
    public BlocksRequest {
        requireNonNull(startBlock, "startBlock is null");
        requireNonNull(depth, "depth is null");
        requireNonNull(navDepth, "navDepth is null");
        requireNonNull(returnType, "returnType is null");
        requireNonNull(lmsBaseUrl, "lmsBaseUrl is null");
        requireNonNull(apiVersion, "apiVersion is null");
        checkNotNegative("depth", depth);
        checkNotNegative("nav_depth", navDepth);
        requestedFields = sortedCopy(requireNonNull(requestedFields, "requestedFields is null"));
        blockCountTypes = sortedCopy(requireNonNull(blockCountTypes, "blockCountTypes is null"));
        studentViewDataTypes = sortedCopy(requireNonNull(studentViewDataTypes, "studentViewDataTypes is null"));
        while (lmsBaseUrl.endsWith("/")) {
            lmsBaseUrl = lmsBaseUrl.substring(0, lmsBaseUrl.length() - 1);
        }
    }

    /** Creates a Blocks API v1 request that returns no student view data. */
    public BlocksRequest(Optional<UsageKey> startBlock, Optional<Integer> depth, Optional<Integer> navDepth,
            Set<String> requestedFields, Set<String> blockCountTypes, ReturnType returnType, String lmsBaseUrl) {
        this(startBlock, depth, navDepth, requestedFields, blockCountTypes, returnType, lmsBaseUrl, Set.of(),
                BlocksApiVersion.V1);
    }

    /** Returns a request for the whole course, every level, no optional field, as a dict. */
    public static BlocksRequest wholeCourse(String lmsBaseUrl) {
        return new BlocksRequest(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Set.of(),
                ReturnType.DICT, lmsBaseUrl);
    }

    /** Returns a copy of this request that also returns the given optional fields. */
    public BlocksRequest withRequestedFields(Set<String> fields) {
        return new BlocksRequest(startBlock, depth, navDepth, fields, blockCountTypes, returnType, lmsBaseUrl,
                studentViewDataTypes, apiVersion);
    }

    /** Returns a copy of this request served by the given API version. */
    public BlocksRequest withApiVersion(BlocksApiVersion version) {
        return new BlocksRequest(startBlock, depth, navDepth, requestedFields, blockCountTypes, returnType,
                lmsBaseUrl, studentViewDataTypes, version);
    }

    /** Returns whether the request asks for the named optional field. */
    public boolean isRequested(String field) {
        return requestedFields.contains(field);
    }

    /** Returns the options the transformers read for this request. */
    public TransformOptions toTransformOptions() {
        return new TransformOptions(startBlock, depth, navDepth, blockCountTypes,
                /* allowsStartDatesInFuture= */ false, apiVersion == BlocksApiVersion.V1, studentViewDataTypes);
    }

    private static void checkNotNegative(String name, Optional<Integer> value) {
        if (value.isPresent() && value.get() < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value.get());
        }
    }

    private static Set<String> sortedCopy(Set<String> values) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }
}
