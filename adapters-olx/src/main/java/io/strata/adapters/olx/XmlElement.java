package io.strata.adapters.olx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Is one parsed XML element: its name, its attributes in document order, its content (elements,
 * text, CDATA sections and comments) and the line where its start tag ends.
 */
final class XmlElement {
    /** Is one piece of character content. */
    record Text(String value, Kind kind) {
        enum Kind { TEXT, CDATA, COMMENT }
    }

    private final String name;
    private final Map<String, String> attributes;
    private final List<Object> content = new ArrayList<>();
    private final int line;

    XmlElement(String name, Map<String, String> attributes, int line) {
        this.name = name;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.line = line;
    }

    String name() {
        return name;
    }

    Map<String, String> attributes() {
        return attributes;
    }

    String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    int line() {
        return line;
    }

    void add(Object node) {
        content.add(node);
    }

    List<XmlElement> elements() {
        var elements = new ArrayList<XmlElement>();
        for (var node : content) {
            if (node instanceof XmlElement element) {
                elements.add(element);
            }
        }
        return elements;
    }

    /** Returns whether the element holds text other than white space (comments do not count). */
    boolean hasText() {
        for (var node : content) {
            if (node instanceof Text text && text.kind() != Text.Kind.COMMENT && !text.value().isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** Returns the element's content written back as XML, without the element's own tags. */
    String innerXml() {
        var out = new StringBuilder();
        writeContent(out);
        return out.toString();
    }

    /** Returns the element written back as XML, tags included. */
    String outerXml() {
        var out = new StringBuilder();
        writeElement(out);
        return out.toString();
    }

    private void writeElement(StringBuilder out) {
        out.append('<').append(name);
        attributes.forEach((key, value) -> out.append(' ').append(key).append("=\"")
                .append(escape(value, true)).append('"'));
        if (content.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        writeContent(out);
        out.append("</").append(name).append('>');
    }

    private void writeContent(StringBuilder out) {
        for (var node : content) {
            if (node instanceof XmlElement element) {
                element.writeElement(out);
            } else {
                writeText(out, (Text) node);
            }
        }
    }

    private static void writeText(StringBuilder out, Text text) {
        switch (text.kind()) {
            case TEXT -> out.append(escape(text.value(), false));
            case CDATA -> out.append("<![CDATA[").append(text.value()).append("]]>");
            case COMMENT -> out.append("<!--").append(text.value()).append("-->");
        }
    }

    private static String escape(String value, boolean inAttribute) {
        var out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(inAttribute ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
