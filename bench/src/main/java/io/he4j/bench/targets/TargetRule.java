package io.he4j.bench.targets;

import io.he4j.bench.model.Target;

/** One bar: knows which figures measure it and turns them into a {@link Target} (PASS, FAIL, NOT_MEASURED). */
public interface TargetRule {
    Target evaluate(FigureIndex figures);
}
