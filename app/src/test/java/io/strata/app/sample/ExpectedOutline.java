package io.strata.app.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/*
 * A second, deliberately plain reading of a course export and of Open edX's per-learner rules,
 * written from the rules' statement (issue #7) and the OLX files alone: it shares no code with the
 * importer or the transformers, so a test can set what they compute against it.
 *
 * It reads only the OLX that the generator and Studio write for a course without inline children:
 * every child of a container is a pointer `<TYPE url_name="ID"/>` to TYPE/ID.xml, and the course's
 * entry in policies/RUN/policy.json overrides the course's own attributes (start,
 * days_early_for_beta, user_partitions). Blocks are named "TYPE@ID"; a block's parents are listed
 * in the order a depth-first walk of the files meets them.
 *
 * Rules (per block, for a learner who is not staff unless said):
 * - start: merged start is the root's own, else the later of the block's own and the earliest of
 *   its parents' merged starts; a beta tester's is moved earlier by days_early_for_beta; the block
 *   is shown when now is after it; staff are exempt. The root is marked when a block met by the
 *   walk (a shown parent) was hidden this way.
 * - staff-only: hidden when it sets visible_to_staff_only or all its parents are hidden so.
 * - hide after due: flagged when it sets hide_after_due or all its parents are flagged; its due is
 *   its own or its first parent's; a flagged block whose due is not after now is hidden.
 * - group access, per partition the course declares plus the enrollment track (50): allowed groups
 *   are the block's own list (a split_test child gets its group from group_id_to_child) intersected
 *   with the union of its parents' (a parent without a list allows all). A learner outside them
 *   loses the block, except in the enrollment track, where the block stays marked as denied, unless
 *   the request hides denials (Blocks API v1).
 * - split_test blocks go, their children take their place.
 * - library_content keeps the one child the learner's saved selection names.
 * - a container left with no child by the rules above goes, bottom up; one empty in the course stays.
 * A block is shown when a shown parent leads to it (a removed split_test leads to its children).
 */
/** Computes which blocks of a course export a learner sees, from the course's files alone. */
final class ExpectedOutline {
    /** Is the enrollment-track partition id Open edX gives every course. */
    static final long ENROLLMENT_TRACK = 50;
    /** Are Open edX's enrollment mode ids (settings.COURSE_ENROLLMENT_MODES) of the tracks used here. */
    static final Map<String, Long> MODE_IDS = Map.of("audit", 1L, "verified", 2L);

    /** Are the block types the generator writes children for; the XML inside any other is its content. */
    private static final Set<String> CONTAINERS = Set.of("course", "chapter", "sequential", "vertical",
            "split_test", "library_content");
    /** Are the elements of a course that are settings, not blocks. */
    private static final Set<String> NOT_BLOCKS = Set.of("wiki", "textbook");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final String root;
    private final String run;
    private final Map<String, Map<String, String>> attributes = new HashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();
    private final Map<String, List<String>> parents = new HashMap<>();
    private final List<String> topological = new ArrayList<>();
    /** Holds the partitions in the order Open edX asks them: the course's, then the enrollment track. */
    private final Map<Long, List<Long>> partitions = new LinkedHashMap<>();
    private final Map<String, Long> splitGroups = new HashMap<>();
    private final double daysEarlyForBeta;

    private ExpectedOutline(Path folder) {
        this.folder = folder;
        var pointer = parse(folder.resolve("course.xml"));
        this.run = pointer.getAttribute("url_name");
        this.root = "course@" + run;
        load("course", run);
        readCoursePolicy();
        topologicalOrder();
        readPartitions();
        this.daysEarlyForBeta = attribute(root, "days_early_for_beta").map(Double::parseDouble).orElse(0.0);
    }

    /** Reads the course export in the folder. */
    static ExpectedOutline read(Path folder) {
        return new ExpectedOutline(folder);
    }

    /** Is who asks and how: the learner's roles, groups and saved selections, and the request's API version. */
    record Learner(boolean isStaff, boolean isBetaTester, String mode, Map<Long, Long> groups,
            Map<String, String> selections, boolean hidesDenials) {
    }

    /** Is what the learner sees: the blocks, those shown only as denied, and whether scheduled content was hidden. */
    record Outline(Set<String> blocks, Set<String> denied, boolean hasScheduledContent) {
    }

    /** Returns every block in an order that puts each after all of its parents. */
    List<String> blocks() {
        return topological;
    }

    String root() {
        return root;
    }

    String run() {
        return run;
    }

    List<String> children(String block) {
        return children.getOrDefault(block, List.of());
    }

    List<String> parents(String block) {
        return parents.getOrDefault(block, List.of());
    }

    Optional<String> attribute(String block, String name) {
        return Optional.ofNullable(attributes.get(block).get(name)).filter(value -> !value.isEmpty());
    }

    /** Returns the groups of each partition the course declares, and of the enrollment track (none listed). */
    Map<Long, List<Long>> partitions() {
        return partitions;
    }

    /** Returns the blocks the learner sees at the moment. */
    Outline outline(Learner learner, Instant now) {
        var starts = mergedStarts();
        var staffOnly = mergedFlag("visible_to_staff_only");
        var hidden = mergedFlag("hide_after_due");
        var dues = inheritedDues();
        var access = mergedAccess();
        var reached = new HashSet<String>();
        var kept = new LinkedHashSet<String>();
        var passedSplitTests = new HashSet<String>();
        var denied = new HashSet<String>();
        boolean scheduled = false;
        for (var block : topological) {
            if (!block.equals(root) && parents(block).stream()
                    .noneMatch(p -> reached.contains(p) && (kept.contains(p) || passedSplitTests.contains(p)))) {
                continue;
            }
            reached.add(block);
            var start = starts.get(block).minusSeconds(learner.isBetaTester()
                    ? Math.round(daysEarlyForBeta * 86_400) : 0);
            boolean unstarted = !learner.isStaff() && !now.isAfter(start);
            scheduled |= unstarted && !block.equals(root);
            boolean removed = unstarted
                    || !learner.isStaff() && staffOnly.contains(block)
                    || !learner.isStaff() && hidden.contains(block) && dues.get(block) != null
                            && !now.isBefore(dues.get(block))
                    || isUnselected(block, learner);
            var denying = learner.isStaff() ? Optional.<Long>empty() : denyingPartition(access.get(block), learner);
            if (denying.isPresent() && (denying.get() != ENROLLMENT_TRACK || learner.hidesDenials())) {
                removed = true;
            }
            if (!removed && !type(block).equals("split_test")) {
                kept.add(block);
                if (denying.isPresent()) {
                    denied.add(block);
                }
            } else if (!removed) {
                passedSplitTests.add(block);
            }
        }
        removeEmptied(kept, passedSplitTests);
        denied.retainAll(kept);
        return new Outline(kept, denied, scheduled && !learner.isStaff());
    }

    private boolean isUnselected(String block, Learner learner) {
        return parents(block).stream().filter(p -> type(p).equals("library_content"))
                .anyMatch(bank -> !block.equals(learner.selections().get(bank)));
    }

    private Optional<Long> denyingPartition(Map<Long, Set<Long>> access, Learner learner) {
        for (var entry : access.entrySet()) {
            var group = entry.getKey() == ENROLLMENT_TRACK ? MODE_IDS.get(learner.mode())
                    : learner.groups().get(entry.getKey());
            if (group == null || !entry.getValue().contains(group)) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /** Removes, bottom up, the kept containers left with no kept child; split tests passed give theirs. */
    private void removeEmptied(Set<String> kept, Set<String> passedSplitTests) {
        for (int i = topological.size() - 1; i >= 0; i--) {
            var block = topological.get(i);
            if (kept.contains(block) && !block.equals(root) && !children(block).isEmpty()
                    && !hasKeptChild(block, kept, passedSplitTests)) {
                kept.remove(block);
            }
        }
    }

    private boolean hasKeptChild(String block, Set<String> kept, Set<String> passedSplitTests) {
        for (var child : children(block)) {
            if (kept.contains(child)
                    || passedSplitTests.contains(child) && hasKeptChild(child, kept, passedSplitTests)) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Instant> mergedStarts() {
        var merged = new HashMap<String, Instant>();
        for (var block : topological) {
            var own = attribute(block, "start").map(ExpectedOutline::instant);
            if (block.equals(root)) {
                merged.put(block, own.orElse(Instant.parse("2030-01-01T00:00:00Z")));
                continue;
            }
            var earliest = parents(block).stream().map(merged::get).min(Instant::compareTo).orElseThrow();
            merged.put(block, own.filter(start -> start.isAfter(earliest)).orElse(earliest));
        }
        return merged;
    }

    private Set<String> mergedFlag(String name) {
        var flagged = new HashSet<String>();
        for (var block : topological) {
            boolean own = attribute(block, name).map(Boolean::parseBoolean).orElse(false);
            if (own || !parents(block).isEmpty() && flagged.containsAll(parents(block))) {
                flagged.add(block);
            }
        }
        return flagged;
    }

    private Map<String, Instant> inheritedDues() {
        var dues = new HashMap<String, Instant>();
        for (var block : topological) {
            var own = attribute(block, "due").map(ExpectedOutline::instant);
            dues.put(block, own.orElseGet(() -> parents(block).isEmpty() ? null : dues.get(parents(block).get(0))));
        }
        return dues;
    }

    /** Returns, per block, the allowed groups by partition; a partition absent allows every group. */
    private Map<String, Map<Long, Set<Long>>> mergedAccess() {
        var merged = new HashMap<String, Map<Long, Set<Long>>>();
        for (var block : topological) {
            var own = ownAccess(block);
            var access = new LinkedHashMap<Long, Set<Long>>();
            for (long partition : partitions.keySet()) {
                Set<Long> fromParents = parents(block).isEmpty() ? null : new TreeSet<>();
                for (var parent : parents(block)) {
                    var groups = merged.get(parent).get(partition);
                    if (groups == null) {
                        fromParents = null;
                        break;
                    }
                    fromParents.addAll(groups);
                }
                var mine = own.get(partition);
                var result = mine == null ? fromParents : new TreeSet<>(mine);
                if (mine != null && fromParents != null) {
                    result.retainAll(fromParents);
                }
                if (result != null) {
                    access.put(partition, result);
                }
            }
            merged.put(block, access);
        }
        return merged;
    }

    private Map<Long, Set<Long>> ownAccess(String block) {
        var own = new HashMap<Long, Set<Long>>();
        attribute(block, "group_access").map(ExpectedOutline::readJson).ifPresent(json -> json.fields()
                .forEachRemaining(entry -> {
                    var groups = new TreeSet<Long>();
                    entry.getValue().forEach(group -> groups.add(group.asLong()));
                    if (!groups.isEmpty()) {
                        own.put(Long.parseLong(entry.getKey()), groups);
                    }
                }));
        var splitGroup = splitGroups.get(block);
        if (splitGroup != null) {
            var splitTest = parents(block).get(0);
            own.put(Long.parseLong(attribute(splitTest, "user_partition_id").orElseThrow()), Set.of(splitGroup));
        }
        return own;
    }

    private void readCoursePolicy() {
        var policy = folder.resolve("policies/" + run + "/policy.json");
        if (Files.exists(policy)) {
            readJson(policy).path("course/" + run).fields().forEachRemaining(field -> attributes.get(root)
                    .put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText()
                            : field.getValue().toString()));
        }
    }

    private void readPartitions() {
        attribute(root, "user_partitions").map(ExpectedOutline::readJson).ifPresent(list -> list.forEach(
                partition -> {
                    var groups = new ArrayList<Long>();
                    partition.path("groups").forEach(group -> groups.add(group.path("id").asLong()));
                    partitions.put(partition.path("id").asLong(), groups);
                }));
        partitions.putIfAbsent(ENROLLMENT_TRACK, List.of());
        for (var block : topological) {
            if (type(block).equals("split_test")) {
                readJson(attribute(block, "group_id_to_child").orElseThrow()).fields().forEachRemaining(entry -> {
                    splitGroups.put(blockOf(entry.getValue().asText()), Long.parseLong(entry.getKey()));
                });
            }
        }
    }

    /** Returns the block a location names, in the block-v1: or the older i4x:// form. */
    private static String blockOf(String location) {
        if (location.startsWith("i4x://")) {
            var parts = location.split("/");
            return parts[parts.length - 2] + "@" + parts[parts.length - 1];
        }
        return location.substring(location.indexOf("type@") + 5).replace("+block@", "@");
    }

    private void load(String type, String id) {
        var block = type + "@" + id;
        var element = parse(folder.resolve(type).resolve(id + ".xml"));
        var attributeMap = new HashMap<String, String>();
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            var attribute = element.getAttributes().item(i);
            attributeMap.put(attribute.getNodeName(), attribute.getNodeValue());
        }
        attributes.put(block, attributeMap);
        var childList = new ArrayList<String>();
        children.put(block, childList);
        if (!CONTAINERS.contains(type)) {
            return;
        }
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && !NOT_BLOCKS.contains(child.getTagName())) {
                var childBlock = child.getTagName() + "@" + child.getAttribute("url_name");
                childList.add(childBlock);
                parents.computeIfAbsent(childBlock, b -> new ArrayList<>()).add(block);
                if (!attributes.containsKey(childBlock)) {
                    load(child.getTagName(), child.getAttribute("url_name"));
                }
            }
        }
    }

    private void topologicalOrder() {
        var waiting = new HashMap<String, Integer>();
        parents.forEach((block, list) -> waiting.put(block, list.size()));
        var ready = new ArrayList<String>(List.of(root));
        while (!ready.isEmpty()) {
            var block = ready.remove(ready.size() - 1);
            topological.add(block);
            for (var child : children(block)) {
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
    }

    static String type(String block) {
        return block.substring(0, block.indexOf('@'));
    }

    private static Instant instant(String value) {
        return Instant.parse(value.replace("\"", ""));
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Element parse(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("Cannot parse file[" + file + "]", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
