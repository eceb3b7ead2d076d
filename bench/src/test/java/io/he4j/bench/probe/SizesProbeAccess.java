package io.he4j.bench.probe;

import io.he4j.bench.model.Figure;
import io.he4j.ckks.LibraryInfo;

import java.util.List;

/** Test access to the probe's in-process size measurement. */
public final class SizesProbeAccess {
    private SizesProbeAccess() {
    }

    public static List<Figure> sizes(String preset, LibraryInfo info, String command) {
        return SizesProbe.sizes(preset, info, command);
    }
}
