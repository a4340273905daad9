package io.strata.adapters.olx;

import io.strata.ports.CourseImportException;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

/*
 * Parses OLX files with the JDK's SAX parser into a small element tree that keeps line numbers
 * (for error messages) and enough of the content to write it back as XML (the opaque "data" field
 * of leaf blocks). A DOCTYPE is refused outright: OLX never needs one, and refusing it closes
 * external entities and entity-expansion bombs in one step.
 *
 * One instance keeps one JDK parser and resets it between files (creating a parser costs about ten
 * times a small file's parse). Not thread-safe: one instance serves one import.
 */
final class OlxXmlParser {
    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES =
            "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";
    private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
    // Bounds the recursion of the tree walks; real OLX files nest a few dozen levels at most.
    private static final int MAX_DEPTH = 1_000;
    private static final SAXParserFactory FACTORY = createFactory();

    private SAXParser parser;

    /**
     * Parses one file.
     *
     * @param bytes the file's bytes; the parser detects the encoding (UTF-8 unless declared)
     * @param file the file's name for error messages, relative to the course folder
     * @throws CourseImportException when the XML is malformed or declares a DOCTYPE
     */
    XmlElement parse(byte[] bytes, String file) {
        var handler = new TreeHandler();
        try {
            var parser = reusableParser();
            parser.setProperty(LEXICAL_HANDLER, handler);
            parser.setProperty(MAX_ELEMENT_DEPTH, String.valueOf(MAX_DEPTH));
            parser.parse(new InputSource(new ByteArrayInputStream(bytes)), handler);
        } catch (SAXParseException e) {
            throw new CourseImportException(file, Math.max(e.getLineNumber(), 0), null, reason(e), e);
        } catch (SAXException | IOException e) {
            throw new CourseImportException(file, 0, null,
                    "the XML cannot be read (" + e.getMessage() + "); fix the file", e);
        }
        return handler.root;
    }

    private static String reason(SAXParseException e) {
        var message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE")) {
            return "the XML declares a DOCTYPE, which is refused; remove the DOCTYPE and its entities";
        }
        return "the XML is malformed (" + message + "); fix the file";
    }

    private SAXParser reusableParser() throws SAXException {
        if (parser == null) {
            parser = newParser();
        } else {
            parser.reset();
        }
        return parser;
    }

    private static SAXParser newParser() throws SAXException {
        try {
            synchronized (FACTORY) {
                return FACTORY.newSAXParser();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("JDK SAX parser refuses the secure configuration", e);
        }
    }

    private static SAXParserFactory createFactory() {
        try {
            var factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("JDK SAX parser refuses the secure configuration", e);
        }
    }

    /** Builds the element tree; SAX calls it on one thread, one document at a time. */
    private static final class TreeHandler extends DefaultHandler2 {
        private final Deque<XmlElement> open = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private Locator locator;
        private boolean inCdata;
        private XmlElement root;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            flushText();
            var values = new LinkedHashMap<String, String>();
            for (int i = 0; i < attributes.getLength(); i++) {
                values.put(attributes.getQName(i), attributes.getValue(i));
            }
            var element = new XmlElement(qName, values, locator == null ? 0 : locator.getLineNumber());
            if (open.isEmpty()) {
                root = element;
            } else {
                open.peek().add(element);
            }
            open.push(element);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            flushText();
            open.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        @Override
        public void startCDATA() {
            flushText();
            inCdata = true;
        }

        @Override
        public void endCDATA() {
            flushText();
            inCdata = false;
        }

        @Override
        public void comment(char[] ch, int start, int length) {
            if (open.isEmpty()) {
                return;
            }
            flushText();
            open.peek().add(new XmlElement.Text(new String(ch, start, length), XmlElement.Text.Kind.COMMENT));
        }

        private void flushText() {
            if (text.length() == 0) {
                return;
            }
            if (!open.isEmpty()) {
                var kind = inCdata ? XmlElement.Text.Kind.CDATA : XmlElement.Text.Kind.TEXT;
                open.peek().add(new XmlElement.Text(text.toString(), kind));
            }
            text.setLength(0);
        }
    }
}
