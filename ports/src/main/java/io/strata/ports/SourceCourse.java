package io.strata.ports;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Is one course as a course source read it.
 *
 * @param courseKey the course key, such as {@code course-v1:ORG+NUMBER+RUN} or {@code ORG/NUMBER/RUN}
 * @param version identifies the content that was read: two reads of unchanged content give the same
 *     version, and any change to what the import read gives another one
 * @param root the id of the root block (the course)
 * @param blocks every block reachable from the root, each once, the root first; a block with
 *     several parents appears once and is named in each parent's children
 */
public record SourceCourse(String courseKey, String version, SourceBlockId root, List<SourceBlock> blocks) {
    public SourceCourse {
        requireNonNull(courseKey, "courseKey is null");
        requireNonNull(version, "version is null");
        requireNonNull(root, "root is null");
        blocks = List.copyOf(requireNonNull(blocks, "blocks is null"));
    }
}
