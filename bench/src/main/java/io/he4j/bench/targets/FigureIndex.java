package io.he4j.bench.targets;

import io.he4j.bench.model.Figure;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Figures of one run by id, with values converted to the unit a target asks for. */
public final class FigureIndex {
    private final Map<String, Figure> byId = new LinkedHashMap<>();

    public FigureIndex(Collection<Figure> figures) {
        for (Figure f : figures) {
            if (byId.putIfAbsent(f.id(), f) != null) {
                throw new IllegalArgumentException("duplicate figure id " + f.id());
            }
        }
    }

    public Optional<Figure> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The first of the ids that exists (a preferred source first, fallbacks after). */
    public Optional<Figure> first(List<String> ids) {
        for (String id : ids) {
            Figure f = byId.get(id);
            if (f != null) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The median of figure id in the given unit, if the figure exists. */
    public Optional<Double> median(String id, String unit) {
        return find(id).map(f -> Units.convert(f.median(), f.unit(), unit));
    }

    public Collection<Figure> all() {
        return byId.values();
    }
}
