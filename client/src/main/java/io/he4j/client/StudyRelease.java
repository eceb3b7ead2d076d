package io.he4j.client;

/**
 * A study's aggregates released for publishing ({@link StudyAuthority#release}): every value is within
 * {@code precision} of the exact decryption (flooded, then rounded to multiples of {@code precision}), and its
 * CKKS noise is hidden up to statistical distance 2^-(1 + statisticalBits) per value, the weakest value's figure.
 * At 2^40 scales the aggregates carry about 20 bits below the unit, so a precision of 1e-3 buys ~10 bits, not
 * the 30 a full flood needs: the trade between what is published and what it hides is the precision.
 */
public record StudyRelease(StudyAggregates aggregates, double precision, double statisticalBits) {
}
