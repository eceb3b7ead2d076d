package io.he4j.bench.model;

/** How a measured value must relate to its target. */
public enum Comparison {
    LT("<"), LE("<="), GE(">="), GT(">"), EQ("==");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double measured, double target) {
        return switch (this) {
            case LT -> measured < target;
            case LE -> measured <= target;
            case GE -> measured >= target;
            case GT -> measured > target;
            case EQ -> measured == target;
        };
    }

    public static Comparison ofSymbol(String s) {
        for (Comparison c : values()) {
            if (c.symbol.equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown comparison '" + s + "'; allowed: <, <=, >=, >, ==");
    }
}
