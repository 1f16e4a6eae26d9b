package org.clearway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.StringReader;
import java.net.URL;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HiveMqConfigTest {

    @Test
    void generatedConfigIsValidAgainstTheSchemaShippedWithHiveMq() throws Exception {
        URL xsd = EmbeddedBroker.class.getClassLoader().getResource("config.xsd");
        assertThat(xsd).as("config.xsd inside hivemq-community-edition-embedded").isNotNull();
        var validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator();

        String xml = HiveMqConfig.xml("127.0.0.1", 18830);

        assertThatCode(() -> validator.validate(new StreamSource(new StringReader(xml)))).doesNotThrowAnyException();
    }

    @Test
    void listensOnTheGivenAddressAndPortWithTheQueueingLimits() {
        String xml = HiveMqConfig.xml("127.0.0.1", 18830);

        assertThat(xml)
                .contains("<port>18830</port>", "<bind-address>127.0.0.1</bind-address>")
                .contains("<max-queue-size>1000000</max-queue-size>", "<strategy>discard</strategy>")
                .contains("<max-packet-size>1048576</max-packet-size>")
                .contains("<server-receive-maximum>65535</server-receive-maximum>")
                .contains("<mode>file</mode>")
                .containsSubsequence("<anonymous-usage-statistics>", "<enabled>false</enabled>");
    }

    @Test
    void withTheDeviceCaTheTlsListenerAsksForAnOptionalClientCertificate(@TempDir Path directory) throws Exception {
        URL xsd = EmbeddedBroker.class.getClassLoader().getResource("config.xsd");
        var validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator();
        LocalCa ca = LocalCa.ensure(directory.resolve("tls"));
        Path trust = directory.resolve("device-ca.p12");

        String without = HiveMqConfig.xml("127.0.0.1", 18830, 18831, ca, 0, 0, null);
        String with = HiveMqConfig.xml("127.0.0.1", 18830, 18831, ca, 0, 0, trust);

        assertThat(without).contains("<client-authentication-mode>NONE</client-authentication-mode>").doesNotContain("truststore");
        assertThat(with).contains("<client-authentication-mode>OPTIONAL</client-authentication-mode>")
                .contains("<truststore>", "<path>" + trust + "</path>");
        assertThatCode(() -> validator.validate(new StreamSource(new StringReader(with)))).doesNotThrowAnyException();
    }
}
