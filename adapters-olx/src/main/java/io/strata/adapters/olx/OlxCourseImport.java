package io.strata.adapters.olx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.ports.CourseImportException;
import io.strata.ports.SourceBlock;
import io.strata.ports.SourceBlockId;
import io.strata.ports.SourceCourse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/*
 * Imports one course (or content library) folder the way the Open edX XML importer walks it:
 *
 * - course.xml (library.xml) is a pointer to course/RUN.xml (library/ID.xml) when it holds only
 *   the key attributes, and the whole course otherwise. CourseXml reads the key and its fallbacks.
 * - A child of a container is a pointer when it is <tag url_name="x"/> and nothing else; it loads
 *   tag/x.xml, with ':' in x standing for a sub-folder (the id keeps the colon). The block type is
 *   the referencing tag, whatever the loaded file's root says. The old filename="f" attribute on a
 *   non-html element loads tag/f.xml the same way. Any other child is defined inline.
 * - An id is the url_name, else the slug, else the cleaned name, else a hash of the element and
 *   its place. The platform hashes a serialization we cannot reproduce byte for byte, so such ids
 *   differ from the platform's; they are stable across imports of the same files.
 * - html bodies live in html/NAME.html when the element has a filename; other leaves keep their
 *   inner XML (unknown XBlock types and asides included). Either way the text is the field "data".
 * - policies/RUN/policy.json (or the older policies/RUN.json) overrides fields per "type/id";
 *   policies/RUN/grading_policy.json becomes the course's grading_policy field.
 * - Only files reached from the root are read: about/, info/, tabs/, static/, drafts/ and files
 *   nothing points at are never opened, so they cannot break the import or change the version.
 *
 * Blocks are kept in pre-order, the root first. A block met again under another parent (a DAG, or
 * a second inline definition with the same type and id) is not read again: the first definition
 * stands and the later parent just names it. A block named twice by one parent, or met again while
 * it is still being read (a cycle), is an error naming both references.
 * Not thread-safe: one instance serves one import.
 */
final class OlxCourseImport {
    private static final Logger log = LoggerFactory.getLogger(OlxCourseImport.class);
    private static final Set<String> CONTAINERS = Set.of("course", "chapter", "sequential", "vertical",
            "videosequence", "split_test", "library_content", "conditional", "problemset", "randomize",
            "itembank", "library");
    private static final String ASIDE_FAMILY = "xblock_asides.v1";
    private static final int MAX_NESTING = 100;
    private static final int GENERATED_ID_HEX_CHARS = 12;
    /** Is the course field that holds grading_policy.json, as the platform's course block names it. */
    static final String GRADING_POLICY = "grading_policy";

    private final CourseFiles files;
    private final CourseXml.Kind kind;
    private final OlxXmlParser parser = new OlxXmlParser();
    private final Map<SourceBlockId, SourceBlock> blocks = new LinkedHashMap<>();
    private final Map<SourceBlockId, Place> reading = new HashMap<>();
    private final Map<String, Map<String, JsonNode>> policy = new HashMap<>();
    private String policyFile;

    OlxCourseImport(CourseFiles files) {
        this(files, CourseXml.Kind.COURSE);
    }

    OlxCourseImport(CourseFiles files, CourseXml.Kind kind) {
        this.files = files;
        this.kind = kind;
    }

    /**
     * Reads the whole course (or library).
     *
     * @throws CourseImportException when the export is malformed or hostile
     */
    SourceCourse run() {
        var rootFile = kind.file();
        var rootXml = parse(rootFile, null, 0);
        var export = CourseXml.of(kind, rootXml, rootFile, files.folder().getFileName().toString());
        readPolicy(export.run());

        var root = new SourceBlockId(kind.rootType(), export.run());
        var place = new Place(rootFile, rootXml.line());
        if (isRootPointer(rootXml)) {
            var path = kind.rootType() + "/" + pathOf(export.run()) + ".xml";
            build(root, parse(path, rootFile, rootXml.line()), path, Map.of(), 0, place);
        } else {
            build(root, rootXml, rootFile, Map.of(), 0, place);
        }
        if (kind == CourseXml.Kind.COURSE) {
            readGradingPolicy(root, export.run());
        }
        return new SourceCourse(export.key(), files.version(), root, new ArrayList<>(blocks.values()));
    }

    private SourceBlockId visit(XmlElement element, SourceBlockId parent, int index, String file, int nesting) {
        checkPathAttribute(element, "url_name", file);
        var id = new SourceBlockId(element.name(), idOf(element, parent, index));
        var place = new Place(file, element.line());
        if (blocks.containsKey(id)) {
            return seenBefore(id, element, place);
        }

        var filename = element.attribute("filename");
        if (isPointer(element)) {
            var path = id.type() + "/" + pathOf(id.id()) + ".xml";
            build(id, parse(path, file, element.line()), path, Map.of(), nesting + 1, place);
        } else if (filename != null && !id.type().equals("html")) {
            checkPathAttribute(element, "filename", file);
            var path = existingOrFirst(id.type() + "/" + filename + ".xml", id.type() + "/" + filename);
            var overlay = typed(attributesExcept(element, Set.of("url_name", "filename", "slug")), file,
                    element.line());
            build(id, parse(path, file, element.line()), path, overlay, nesting + 1, place);
        } else {
            build(id, element, file, Map.of(), nesting + 1, place);
        }
        return id;
    }

    private SourceBlockId seenBefore(SourceBlockId id, XmlElement element, Place place) {
        var started = reading.get(id);
        if (started != null) {
            throw new CourseImportException(place.file(), place.line(), null, String.format(Locale.ROOT,
                    "block[%s] is referenced at %s while it is still being read from its reference at %s "
                            + "(a reference cycle); remove one of the two references", id, place, started), null);
        }
        if (!isPointer(element)) {
            log.debug("Kept first definition of block[{}], ignored the one at {}", id, place);
        }
        return id;
    }

    private void build(SourceBlockId id, XmlElement definition, String file, Map<String, Object> overlay,
            int nesting, Place place) {
        if (nesting > MAX_NESTING) {
            throw new CourseImportException(file, definition.line(), null, String.format(Locale.ROOT,
                    "blocks nest deeper than %d levels; flatten the course", MAX_NESTING), null);
        }
        if (!definition.name().equals(id.type())) {
            log.debug("Typed block[{}] by its reference, not by root element[{}] of file[{}]",
                    id, definition.name(), file);
        }
        blocks.put(id, null);
        reading.put(id, place);

        var fields = typed(attributesExcept(definition, Set.of("url_name", "slug")), file, definition.line());
        fields.putAll(overlay);
        var children = new ArrayList<SourceBlockId>();
        if (CONTAINERS.contains(id.type())) {
            addChildren(id, definition, file, nesting, children);
        } else if (id.type().equals("html")) {
            fields.remove("filename");
            fields.put("data", htmlBody(id, definition, file));
        } else {
            fields.put("data", definition.innerXml());
        }
        applyPolicy(id, fields);

        reading.remove(id);
        blocks.put(id, new SourceBlock(id, fields, children));
    }

    private void addChildren(SourceBlockId id, XmlElement definition, String file, int nesting,
            List<SourceBlockId> children) {
        var elements = definition.elements();
        var lines = new HashMap<SourceBlockId, Integer>();
        for (int i = 0; i < elements.size(); i++) {
            var child = elements.get(i);
            if (!isBlock(id.type(), child)) {
                continue;
            }
            var childId = visit(child, id, i, file, nesting);
            var first = lines.putIfAbsent(childId, child.line());
            if (first != null) {
                throw new CourseImportException(file, child.line(), null, String.format(Locale.ROOT,
                        "block[%s] is referenced twice by block[%s], at %s and at %s; remove one reference",
                        childId, id, new Place(file, first), new Place(file, child.line())), null);
            }
            children.add(childId);
        }
    }

    private static boolean isBlock(String parentType, XmlElement child) {
        if (ASIDE_FAMILY.equals(child.attribute("xblock-family"))) {
            return false;
        }
        var name = child.name();
        if (parentType.equals("course")) {
            return !name.equals("wiki") && !name.equals("textbook");
        }
        return !(parentType.equals("conditional") && name.equals("show"));
    }

    private String htmlBody(SourceBlockId id, XmlElement definition, String file) {
        var filename = definition.attribute("filename");
        if (filename == null) {
            return definition.innerXml();
        }
        checkPathAttribute(definition, "filename", file);
        CourseFiles.checkName(id.id(), file, definition.line(), "url_name");

        // The body sits beside the block's own file: html/secret:lab -> html/secret/. Old exports wrote
        // filename="lab.html" where "lab" was meant, so the literal name is tried second.
        var own = "html/" + pathOf(id.id());
        var base = own.substring(0, own.lastIndexOf('/'));
        var path = existingOrFirst(base + "/" + filename + ".html",
                filename.endsWith(".html") ? base + "/" + filename : null);
        return new String(files.read(path, file, definition.line()), StandardCharsets.UTF_8);
    }

    /** Returns the attributes as typed fields, leaving out those that say "not set". */
    private static Map<String, Object> typed(Map<String, String> attributes, String file, int line) {
        var origin = new OlxFields.Origin(file, line);
        var fields = new LinkedHashMap<String, Object>();
        attributes.forEach((name, value) -> OlxFields.fromAttribute(name, value, origin)
                .ifPresent(typed -> fields.put(name, typed)));
        return fields;
    }

    private void applyPolicy(SourceBlockId id, Map<String, Object> fields) {
        var overrides = policy.get(id.type() + "/" + id.id());
        if (overrides == null) {
            return;
        }
        var origin = new OlxFields.Origin(policyFile, 0);
        overrides.forEach((name, value) -> OlxFields.fromPolicy(name, value, origin)
                .ifPresentOrElse(typed -> fields.put(name, typed), () -> fields.remove(name)));
    }

    /** Adds {@code policies/RUN/grading_policy.json}, when present, as the course's grading_policy field. */
    private void readGradingPolicy(SourceBlockId root, String run) {
        var path = "policies/" + run + "/grading_policy.json";
        if (!files.exists(path)) {
            return;
        }
        var value = parseJson(path, files.read(path, null, 0));
        if (!value.isObject()) {
            throw new CourseImportException(path,
                    "the grading policy is not a JSON object; write {\"GRADER\": [...], \"GRADE_CUTOFFS\": {...}}");
        }
        var course = blocks.get(root);
        var fields = new LinkedHashMap<>(course.fields());
        fields.put(GRADING_POLICY, OlxFields.plain(value));
        blocks.put(root, new SourceBlock(root, fields, course.children()));
    }

    private void readPolicy(String run) {
        var path = existingOrFirst("policies/" + run + "/policy.json", "policies/" + run + ".json");
        if (!files.exists(path)) {
            return;
        }
        policyFile = path;
        var root = parseJson(path, files.read(path, null, 0));
        if (!root.isObject()) {
            throw new CourseImportException(path, "the policy is not a JSON object; write {\"type/url_name\": {...}}");
        }
        root.properties().forEach(entry -> addPolicy(path, entry.getKey(), entry.getValue()));
    }

    private void addPolicy(String path, String key, JsonNode value) {
        CourseFiles.checkName(key, path, 0, null);
        if (key.indexOf('/') < 0) {
            return;
        }
        if (!value.isObject()) {
            throw new CourseImportException(path, String.format(Locale.ROOT,
                    "policy key[%s] does not map to a JSON object; write {\"field\": value}", key));
        }
        var overrides = new LinkedHashMap<String, JsonNode>();
        value.properties().forEach(field -> overrides.put(field.getKey(), field.getValue()));
        policy.put(key, overrides);
    }

    private static JsonNode parseJson(String path, byte[] bytes) {
        try {
            return OlxFields.JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            var line = e.getLocation() == null ? 0 : Math.max(e.getLocation().getLineNr(), 0);
            throw new CourseImportException(path, line, null,
                    "the file is not valid JSON (" + e.getOriginalMessage() + "); fix the file", e);
        } catch (IOException e) {
            throw new CourseImportException(path, 0, null, "the file cannot be read as JSON; fix the file", e);
        }
    }

    private XmlElement parse(String path, String referencedBy, int line) {
        return parser.parse(files.read(path, referencedBy, line), path);
    }

    private String existingOrFirst(String first, String second) {
        if (second == null || files.exists(first) || !files.exists(second)) {
            return first;
        }
        return second;
    }

    /**
     * Returns whether the root file only points at the root block's own file: it does when it
     * holds nothing but key attributes; a root file with other attributes or any content is the
     * whole course. The platform asks for all three of url_name, org and course, and reads a root
     * file missing org or course as an empty course; here such a file still points at
     * course/RUN.xml, whose absence is then an error, rather than silently giving an empty course.
     */
    private boolean isRootPointer(XmlElement root) {
        var keyAttributes = Set.of("url_name", "slug", "org", kind == CourseXml.Kind.COURSE ? "course" : "library");
        return root.elements().isEmpty() && !root.hasText() && keyAttributes.containsAll(root.attributes().keySet());
    }

    private static boolean isPointer(XmlElement element) {
        return element.attributes().size() == 1 && element.attribute("url_name") != null
                && element.elements().isEmpty() && !element.hasText();
    }

    private static String idOf(XmlElement element, SourceBlockId parent, int index) {
        var urlName = element.attribute("url_name");
        if (urlName != null && !urlName.isBlank()) {
            return urlName;
        }
        for (var attribute : List.of("slug", "name")) {
            var value = element.attribute(attribute);
            if (value != null && !value.isBlank()) {
                return cleaned(value);
            }
        }
        return generatedId(element, parent, index);
    }

    /** Returns an id made of the element's content and its place, the same on every import. */
    private static String generatedId(XmlElement element, SourceBlockId parent, int index) {
        var place = parent + "#" + index + "\n";
        var digest = Digests.sha256();
        digest.update(place.getBytes(StandardCharsets.UTF_8));
        digest.update(element.outerXml().getBytes(StandardCharsets.UTF_8));
        var hex = HexFormat.of().formatHex(digest.digest());
        return element.name() + "_" + hex.substring(0, GENERATED_ID_HEX_CHARS);
    }

    /** Replaces what a usage key cannot hold, as the platform does for slug and name values. */
    static String cleaned(String value) {
        return value.strip().replaceAll("[^A-Za-z0-9_.~:-]", "_");
    }

    private static void checkPathAttribute(XmlElement element, String attribute, String file) {
        var value = element.attribute(attribute);
        if (value != null) {
            CourseFiles.checkName(value, file, element.line(), attribute);
        }
    }

    private static Map<String, String> attributesExcept(XmlElement element, Set<String> excluded) {
        var kept = new LinkedHashMap<String, String>();
        element.attributes().forEach((name, value) -> {
            if (!excluded.contains(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    private static String pathOf(String id) {
        return id.replace(':', '/');
    }

    /** Is where a reference sits, for error messages. */
    private record Place(String file, int line) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "file[%s] line[%d]", file, line);
        }
    }
}
