package io.snapshotsdk.internal.xml;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small element tree read with the JDK's StAX parser, hardened: no DTDs, no external or
 * internal entities, bounded depth. The providers' XML answers (EC2, Alibaba Cloud's XML error
 * form) need nothing more, and the SDK stays free of an XML library.
 */
public final class Xml {
    private static final int MAX_DEPTH = 32;
    private static final XMLInputFactory FACTORY = hardenedFactory();

    private final String name;
    private final StringBuilder text = new StringBuilder();
    private final List<Xml> children = new ArrayList<>();

    private Xml(String name) {
        this.name = name;
    }

    /**
     * Parses {@code body}.
     *
     * @throws XMLStreamException when it is not well-formed XML or declares a DTD
     */
    public static Xml parse(byte[] body) throws XMLStreamException {
        // Decoded here, strictly: the JDK's parser prints malformed UTF-8 to System.err itself.
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new XMLStreamException("not UTF-8");
        }
        XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(text));
        try {
            List<Xml> stack = new ArrayList<>();
            Xml root = null;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new XMLStreamException("DTDs are not accepted");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (stack.size() >= MAX_DEPTH) {
                            throw new XMLStreamException("XML nested deeper than " + MAX_DEPTH);
                        }
                        Xml e = new Xml(r.getLocalName());
                        if (stack.isEmpty()) {
                            root = e;
                        } else {
                            stack.get(stack.size() - 1).children.add(e);
                        }
                        stack.add(e);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!stack.isEmpty()) {
                            stack.get(stack.size() - 1).text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
                    default -> { }
                }
            }
            if (root == null) {
                throw new XMLStreamException("no root element");
            }
            return root;
        } finally {
            r.close();
        }
    }

    /** Returns the local name. */
    public String name() {
        return name;
    }

    /** Returns the trimmed text of this element. */
    public String text() {
        return text.toString().trim();
    }

    /** Returns the first child named {@code name}. */
    public Optional<Xml> child(String name) {
        for (Xml c : children) {
            if (c.name.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Returns the children named {@code name}. */
    public List<Xml> children(String name) {
        List<Xml> out = new ArrayList<>();
        for (Xml c : children) {
            if (c.name.equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Returns the text of child {@code name}, when present and not empty. */
    public Optional<String> text(String name) {
        return child(name).map(Xml::text).filter(t -> !t.isEmpty());
    }

    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
