package io.he4j.bench;

import io.he4j.bench.model.Results;
import io.he4j.bench.model.Target;
import io.he4j.bench.report.Plots;
import io.he4j.bench.report.ReportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    @Test
    void reportHasEverySectionEveryTargetAndDecodablePlots(@TempDir Path dir) throws Exception {
        Results r = SyntheticRun.make();
        String md = Files.readString(ReportWriter.write(r, dir));
        for (String section : ReportWriter.SECTIONS) {
            assertTrue(md.contains(section + "\n"), "missing section " + section);
        }
        for (Target t : r.targets()) {
            assertTrue(md.contains("| " + t.id() + " |"), "target not listed: " + t.id());
        }
        for (String png : ReportWriter.PLOTS) {
            assertTrue(md.contains("(" + png + ")"), "plot not linked: " + png);
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            assertNotNull(img, png + " does not decode");
            assertTrue(img.getWidth() > 0 && img.getHeight() > 0);
        }
        assertTrue(md.contains("SyntheticRun (unit test)"), "figures must state their command");
    }

    @Test
    void latestPointsAtTheRun(@TempDir Path dir) throws Exception {
        Results r = SyntheticRun.make();
        Path run = dir.resolve("20260101-000000");
        String latest = Files.readString(io.he4j.bench.report.LatestWriter.write(r, dir, run));
        assertTrue(latest.contains("(20260101-000000/REPORT.md)"));
        assertTrue(latest.contains("mission/encrypted_prediction_ms"));
    }

    @Test
    void chartsWithDataDecode(@TempDir Path dir) throws Exception {
        Path bars = dir.resolve("bars.png");
        Plots.bars(bars, "t", "y", List.of("a", "b"), List.of(new Plots.Series("s1", Map.of("a", 1.0, "b", 2.0)),
                new Plots.Series("s2", Map.of("a", 3.0, "b", 4.0))), true);
        assertNotNull(ImageIO.read(bars.toFile()));
        Path lines = dir.resolve("lines.png");
        Plots.lines(lines, "t", "x", "y", List.of(new Plots.Line("l", List.of(1.0, 10.0, 100.0),
                List.of(5.0, 20.0, 90.0))), true, true);
        assertNotNull(ImageIO.read(lines.toFile()));
        Path empty = dir.resolve("empty.png");
        Plots.bars(empty, "t", "y", List.of(), List.of(), false);
        assertNotNull(ImageIO.read(empty.toFile()));
    }
}
