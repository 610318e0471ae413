package io.swarmplace.plugins.internal.index;

import io.swarmplace.plugins.PluginException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the XML repository index format of the OSGi Repository Service specification (what bnd
 * writes), plain or gzip-compressed. Indexes come from the network, so DTDs and external entities are
 * refused.
 */
public final class IndexParser {

    static final String NAMESPACE = "http://www.osgi.org/xmlns/repository/v1.0.0";

    /** Parses the index downloaded to {@code file}; {@code location} is where it came from. */
    public RepositoryIndex parse(Path file, URI location) throws PluginException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, location);
        } catch (IOException e) {
            throw malformed(location, e.getMessage());
        }
    }

    public RepositoryIndex parse(InputStream raw, URI location) throws PluginException {
        try {
            Document document = newBuilder().parse(decompressIfGzip(raw));
            Element root = document.getDocumentElement();
            if (!"repository".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
                throw malformed(location, "the root element is <" + root.getNodeName() + ">, expected <repository xmlns=\""
                        + NAMESPACE + "\">");
            }
            List<IndexResource> resources = new ArrayList<>();
            for (Element resourceElement : children(root, "resource")) {
                resources.add(resource(resourceElement, location));
            }
            return new RepositoryIndex(location, resources);
        } catch (SAXException | IOException e) {
            throw malformed(location, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw malformed(location, e.getMessage());
        }
    }

    private static IndexResource resource(Element element, URI location) {
        IndexResource resource = new IndexResource(location);
        for (Element capability : children(element, "capability")) {
            resource.addCapability(namespaceOf(capability), directives(capability), attributes(capability));
        }
        for (Element requirement : children(element, "requirement")) {
            resource.addRequirement(namespaceOf(requirement), directives(requirement), attributes(requirement));
        }
        return resource;
    }

    private static String namespaceOf(Element element) {
        String namespace = element.getAttribute("namespace");
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("a <" + element.getLocalName() + "> has no namespace");
        }
        return namespace;
    }

    private static Map<String, String> directives(Element parent) {
        Map<String, String> directives = new LinkedHashMap<>();
        for (Element directive : children(parent, "directive")) {
            directives.put(directive.getAttribute("name"), directive.getAttribute("value"));
        }
        return directives;
    }

    private static Map<String, Object> attributes(Element parent) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Element attribute : children(parent, "attribute")) {
            String name = attribute.getAttribute("name");
            try {
                attributes.put(name, AttributeValues.parse(attribute.getAttribute("type"), attribute.getAttribute("value")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("attribute '" + name + "' has a bad value: " + e.getMessage(), e);
            }
        }
        return attributes;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static InputStream decompressIfGzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        boolean gzip = first == (GZIPInputStream.GZIP_MAGIC & 0xff) && second == (GZIPInputStream.GZIP_MAGIC >> 8);
        return gzip ? new GZIPInputStream(in) : in;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The JDK's default handler prints parse errors to stderr; they belong in the exception instead.
            builder.setErrorHandler(new DefaultHandler());
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be configured securely", e);
        }
    }

    private static PluginException malformed(URI location, String reason) {
        return new PluginException(location + " is not a valid OSGi repository index (" + reason
                + "). Check the --index URL; it must point to an index.xml or index.xml.gz written by bnd or a compatible tool.");
    }
}
