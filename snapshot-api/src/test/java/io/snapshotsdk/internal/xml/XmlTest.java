package io.snapshotsdk.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

/** The hardened reader: well-formed UTF-8 XML only, no DTDs, bounded depth, and silent on errors. */
class XmlTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsElementsAndTextWithTheirDeclaration() throws XMLStreamException {
        Xml root = Xml.parse(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><r><requestId>é-1</requestId></r>"));
        assertThat(root.text("requestId")).contains("é-1");
    }

    @Test
    void refusesMalformedUtf8WithoutWritingToStandardError() {
        byte[] bad = {'<', 'a', '>', (byte) 0xE2, (byte) 0x82, 'x', '<', '/', 'a', '>'};
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> Xml.parse(bad)).isInstanceOf(XMLStreamException.class);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void refusesDtdsAndDeepNesting() {
        assertThatThrownBy(() -> Xml.parse(utf8("<!DOCTYPE r [<!ENTITY x \"y\">]><r>&x;</r>"))).isInstanceOf(XMLStreamException.class);
        assertThatThrownBy(() -> Xml.parse(utf8("<a>".repeat(40) + "</a>".repeat(40)))).isInstanceOf(XMLStreamException.class);
    }
}
