package dev.sluice.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The shape of the published build, read from the poms: a module is published unless it sets
 * {@code maven.deploy.skip}; every published jar module has a description and an
 * Automatic-Module-Name, and the BOM lists it. LICENSE is there and the parent names it.
 */
class BuildShapeTest {

    @Test
    void the_bom_lists_every_published_module_and_nothing_else() throws Exception {
        List<String> published = new ArrayList<>();
        for (Element pom : modulePoms()) {
            if (isPublishedJar(pom)) {
                published.add(text(pom, "artifactId"));
            }
        }
        assertFalse(published.isEmpty());
        assertTrue(published.contains("sluice-core") && published.contains("sluice-reactor"), published.toString());

        Element bom = parse(Repo.file("bom/pom.xml"));
        List<String> managed = new ArrayList<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element dep = (Element) deps.item(i);
            if ("dev.sluice".equals(text(dep, "groupId"))) {      // third-party pins may sit beside them
                managed.add(text(dep, "artifactId"));
            }
        }
        assertEquals(published, managed, "bom/pom.xml's dev.sluice entries vs the published modules");
    }

    @Test
    void every_published_module_has_a_description_and_a_module_name() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Element pom : modulePoms()) {
            if (!isPublishedJar(pom)) {
                continue;
            }
            String id = text(pom, "artifactId");
            if (text(pom, "description").isBlank()) {
                problems.add(id + ": no <description>");
            }
            String name = property(pom, "automatic.module.name");
            if (!name.matches("dev\\.sluice(\\.[a-z][a-z0-9]*)*")) {
                problems.add(id + ": automatic.module.name is '" + name + "'");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void the_licence_is_apache_2_and_the_parent_names_it() throws Exception {
        assertTrue(Repo.read(Repo.file("LICENSE")).contains("Apache License\n                           Version 2.0, January 2004"));
        Element parent = parse(Repo.file("pom.xml"));
        Element license = (Element) parent.getElementsByTagName("license").item(0);
        assertEquals("Apache-2.0", text(license, "name"));
        for (String required : List.of("url", "scm", "developers", "description")) {
            assertFalse(text(parent, required).isBlank(), "parent pom has no <" + required + ">");
        }
    }

    private static boolean isPublishedJar(Element pom) {
        String packaging = text(pom, "packaging");
        return (packaging.isEmpty() || packaging.equals("jar")) && !property(pom, "maven.deploy.skip").equals("true");
    }

    /** The poms of the root's {@code <modules>} (one level: the build has no nested aggregators). */
    private static List<Element> modulePoms() throws Exception {
        Element root = parse(Repo.file("pom.xml"));
        NodeList modules = root.getElementsByTagName("module");
        List<Element> poms = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            Path pom = Repo.file(modules.item(i).getTextContent().trim()).resolve("pom.xml");
            assertTrue(Files.exists(pom), pom.toString());
            poms.add(parse(pom));
        }
        return poms;
    }

    private static Element parse(Path pom) throws ParserConfigurationException, IOException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    /** The text of {@code element}'s direct child {@code name}, or "". */
    private static String text(Element element, String name) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().trim();
            }
        }
        return "";
    }

    private static String property(Element pom, String name) {
        for (Node n = pom.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element properties && properties.getTagName().equals("properties")) {
                return text(properties, name);
            }
        }
        return "";
    }
}
