package io.swarmplace.plugins.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.plugins.PluginException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.resource.Capability;

class IndexParserTest {

    private static final URI INDEX = URI.create("https://repo.example.org/plugins/index.xml.gz");

    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <repository xmlns="http://www.osgi.org/xmlns/repository/v1.0.0" name="test" increment="1">
              <resource>
                <capability namespace="osgi.identity">
                  <attribute name="osgi.identity" value="io.example.a"/>
                  <attribute name="type" value="osgi.bundle"/>
                  <attribute name="version" type="Version" value="1.0.0"/>
                </capability>
                <capability namespace="osgi.content">
                  <attribute name="osgi.content" value="ABCDEF0123"/>
                  <attribute name="url" value="jars/a-1.0.0.jar"/>
                  <attribute name="size" type="Long" value="1234"/>
                  <attribute name="mime" value="application/vnd.osgi.bundle"/>
                </capability>
                <capability namespace="osgi.wiring.package">
                  <attribute name="osgi.wiring.package" value="io.example.a.api"/>
                  <attribute name="version" type="Version" value="1.2.0"/>
                  <attribute name="weight" type="Double" value="0.5"/>
                  <attribute name="tags" type="List&lt;String&gt;" value="red, green\\,blue"/>
                  <attribute name="versions" type="List&lt;Version&gt;" value="1.0,2.0"/>
                  <directive name="uses" value="io.example.b"/>
                </capability>
                <requirement namespace="osgi.wiring.package">
                  <directive name="filter" value="(&amp;(osgi.wiring.package=io.example.b)(version&gt;=1.0.0))"/>
                </requirement>
              </resource>
              <resource>
                <capability namespace="osgi.identity">
                  <attribute name="osgi.identity" value="io.example.a"/>
                  <attribute name="version" type="Version" value="2.0.0"/>
                </capability>
                <capability namespace="osgi.content">
                  <attribute name="osgi.content" value="ff00"/>
                  <attribute name="url" value="https://mirror.example.com/a-2.0.0.jar"/>
                </capability>
              </resource>
            </repository>
            """;

    private final IndexParser parser = new IndexParser();

    @Test
    void readsResourcesWithTypedAttributes() throws Exception {
        RepositoryIndex index = parse(XML.getBytes(StandardCharsets.UTF_8));

        assertThat(index.resources()).hasSize(2);
        IndexResource a1 = index.resources().get(0);
        assertThat(a1.symbolicName()).isEqualTo("io.example.a");
        assertThat(a1.version()).isEqualTo(new Version(1, 0, 0));
        assertThat(a1.sha256()).contains("abcdef0123");
        Capability content = a1.getCapabilities("osgi.content").get(0);
        assertThat(content.getAttributes().get("size")).isEqualTo(1234L);

        Capability exported = a1.getCapabilities("osgi.wiring.package").get(0);
        assertThat(exported.getAttributes())
                .containsEntry("version", new Version(1, 2, 0))
                .containsEntry("weight", 0.5d)
                .containsEntry("tags", List.of("red", "green,blue"))
                .containsEntry("versions", List.of(new Version(1, 0, 0), new Version(2, 0, 0)));
        assertThat(exported.getDirectives()).containsEntry("uses", "io.example.b");
        assertThat(exported.getResource()).isSameAs(a1);
        assertThat(a1.getRequirements("osgi.wiring.package").get(0).getDirectives().get("filter"))
                .isEqualTo("(&(osgi.wiring.package=io.example.b)(version>=1.0.0))");
        assertThat(a1.getRequirements(null)).hasSize(1);
    }

    @Test
    void resolvesContentUrlsAgainstTheIndexUrl() throws Exception {
        RepositoryIndex index = parse(XML.getBytes(StandardCharsets.UTF_8));

        assertThat(index.resources().get(0).contentUri()).contains(URI.create("https://repo.example.org/plugins/jars/a-1.0.0.jar"));
        assertThat(index.resources().get(1).contentUri()).contains(URI.create("https://mirror.example.com/a-2.0.0.jar"));
    }

    @Test
    void picksTheHighestVersionOrTheHighestInRange() throws Exception {
        RepositoryIndex index = parse(XML.getBytes(StandardCharsets.UTF_8));

        assertThat(index.highest("io.example.a", Optional.empty()).map(IndexResource::version)).contains(new Version(2, 0, 0));
        assertThat(index.highest("io.example.a", Optional.of(VersionRange.valueOf("[1.0,2.0)"))).map(IndexResource::version))
                .contains(new Version(1, 0, 0));
        assertThat(index.highest("io.example.none", Optional.empty())).isEmpty();
    }

    @Test
    void readsGzipCompressedIndexes() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(XML.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(parse(compressed.toByteArray()).resources()).hasSize(2);
    }

    @Test
    void reportsMalformedXmlClearly() {
        byte[] broken = "<repository xmlns=\"http://www.osgi.org/xmlns/repository/v1.0.0\"><resource>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parse(broken))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith(INDEX + " is not a valid OSGi repository index (");
    }

    @Test
    void reportsAWrongRootElement() {
        assertThatThrownBy(() -> parse("<html><body/></html>".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("the root element is <html>");
    }

    @Test
    void reportsABadTypedValue() {
        String bad = XML.replace("type=\"Long\" value=\"1234\"", "type=\"Long\" value=\"lots\"");
        assertThatThrownBy(() -> parse(bad.getBytes(StandardCharsets.UTF_8))).hasMessageContaining("attribute 'size' has a bad value");
    }

    @Test
    void refusesDoctypesSoNoExternalEntityIsEverRead() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE repository [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <repository xmlns="http://www.osgi.org/xmlns/repository/v1.0.0"><resource>&secret;</resource></repository>
                """;
        assertThatThrownBy(() -> parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("DOCTYPE");
    }

    private RepositoryIndex parse(byte[] bytes) throws PluginException {
        return parser.parse(new ByteArrayInputStream(bytes), INDEX);
    }
}
