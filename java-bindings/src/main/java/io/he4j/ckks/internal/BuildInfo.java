package io.he4j.ckks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version and resource layout written into he4j.properties by the Maven build. */
final class BuildInfo {
    static final String VERSION;
    static final String RESOURCE_DIR;

    static {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("he4j.properties")) {
            if (in == null) {
                throw new IllegalStateException("he4j.properties missing from the he4j jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VERSION = p.getProperty("version");
        RESOURCE_DIR = p.getProperty("resource");
    }

    private BuildInfo() {
    }
}
