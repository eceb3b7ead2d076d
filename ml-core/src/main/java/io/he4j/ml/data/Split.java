package io.he4j.ml.data;

/** A train/test (or train/validation) pair of disjoint datasets. */
public record Split(Dataset train, Dataset test) {
}
