package io.he4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `./he4j fl simulate` over the real coordinator on loopback (threshold mode, a ReLU MLP) and in-process (shared
 * key, logistic regression, with the SVG plot).
 */
class FlCommandsTest {
    @Test
    void simulateOverHttpInThresholdMode() {
        // a ReLU MLP: exact ReLU in round 1, then its quadratic fit from a one-round federation over the pooled
        // pre-activation statistics, then fine-tuning
        CliRun r = CliRun.of("fl", "simulate", "--data", "heart-disease", "--rounds", "3", "--model", "mlp",
                "--hidden", "4", "--activation", "relu");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("threshold mode") && r.out().contains("institutions over HTTP"), r.out());
        assertTrue(r.out().contains("| 3 | "), r.out());
        assertTrue(r.out().contains("accuracy (central)") && r.out().contains("accuracy per round"), r.out());
        assertTrue(r.out().contains("cleveland alone"), r.out());
        // (the progress bar draws only for runs longer than 3 s, so a 3-round run may stay quiet: not asserted)
    }

    @Test
    void simulateInProcessWithASharedKey(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("plots/accuracy.svg");
        CliRun r = CliRun.of("fl", "simulate", "--data", "heart-disease", "--rounds", "2", "--key-mode", "shared",
                "--transport", "in-process", "--plot", svg.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("shared mode") && r.out().contains("in one process"), r.out());
        // the SVG plot: well-formed XML, one line through the 2 rounds' accuracies, one flat central line
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        NodeList lines = doc.getElementsByTagName("polyline");
        assertEquals(2, lines.getLength(), "a federated and a central line");
        String[] federated = ((Element) lines.item(0)).getAttribute("points").split(" ");
        String[] central = ((Element) lines.item(1)).getAttribute("points").split(" ");
        assertEquals(2, federated.length, "one point per round");
        assertEquals(central[0].split(",")[1], central[1].split(",")[1], "the central line is flat");
        assertTrue(r.out().contains("accuracy plot: " + svg), r.out());
        CliRun bad = CliRun.of("fl", "simulate", "--data", "heart-disease", "--key-mode", "nobody");
        assertTrue(bad.exit() != 0 && bad.err().contains("threshold or shared"), bad.err());
    }
}
