package io.he4j.app;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** PNG screenshots of the browser's viewport, to target/screenshots and optionally to a second directory. */
final class Screenshots {
    private final ChromeDriver browser;
    private final Path extra;
    private int count;

    Screenshots(ChromeDriver browser, String extraDir) {
        this.browser = browser;
        this.extra = extraDir.isBlank() ? null : Path.of(extraDir);
    }

    void take(String name) {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(dir.resolve(name + ".png"), png);
            if (extra != null) {
                Files.createDirectories(extra);
                Files.write(extra.resolve(name + ".png"), png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        count++;
    }

    int count() {
        return count;
    }
}
