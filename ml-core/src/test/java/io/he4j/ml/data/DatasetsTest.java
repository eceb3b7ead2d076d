package io.he4j.ml.data;

import io.he4j.ml.TestData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsTest {
    @Test
    void clevelandDropsSixIncompleteRowsAndBinarizesTheTarget() {
        Path dir = TestData.dir();
        Dataset raw = Datasets.heartDisease(dir, Datasets.Institution.CLEVELAND, MissingValues.Policy.IMPUTE_TRAIN_MEAN);
        assertEquals(303, raw.rows());
        assertTrue(raw.hasMissing());
        Dataset d = Datasets.heartDisease(dir, Datasets.Institution.CLEVELAND, MissingValues.Policy.DROP_ROWS);
        assertEquals(297, d.rows());
        assertEquals(13, d.features());
        assertEquals(List.of("no disease", "disease"), d.classNames());
        long positives = Arrays.stream(d.labels()).filter(l -> l == 1).count();
        assertEquals(137, positives);
    }

    @Test
    void otherInstitutionsLoadWithMissingValuesKept() {
        Path dir = TestData.dir();
        assertEquals(294, Datasets.heartDisease(dir, Datasets.Institution.HUNGARIAN,
                MissingValues.Policy.IMPUTE_TRAIN_MEAN).rows());
        assertEquals(123, Datasets.heartDisease(dir, Datasets.Institution.SWITZERLAND,
                MissingValues.Policy.IMPUTE_TRAIN_MEAN).rows());
        Dataset va = Datasets.heartDisease(dir, Datasets.Institution.VA, MissingValues.Policy.IMPUTE_TRAIN_MEAN);
        assertEquals(200, va.rows());
        assertTrue(va.hasMissing());
    }

    @Test
    void breastCancerSkipsTheDescriptorLine() {
        Dataset d = Datasets.breastCancer(TestData.dir());
        assertEquals(569, d.rows());
        assertEquals(30, d.features());
        assertEquals(List.of("malignant", "benign"), d.classNames());
        assertEquals("mean radius", d.featureNames().getFirst());
        assertEquals(17.99, d.x()[0][0]);
        assertEquals(357, Arrays.stream(d.labels()).filter(l -> l == 1).count());
    }

    @Test
    void digitsHave64PixelsAndTenClasses() {
        Dataset d = Datasets.digits(TestData.dir());
        assertEquals(1797, d.rows());
        assertEquals(64, d.features());
        assertEquals(10, d.classCount());
        assertFalse(d.hasMissing());
    }

    @Test
    void diabetesIsRegression() {
        Dataset d = Datasets.diabetes(TestData.dir());
        assertEquals(442, d.rows());
        assertEquals(10, d.features());
        assertFalse(d.isClassification());
        assertEquals(151.0, d.y()[0]);
        assertEquals(59.0, d.x()[0][0]);
    }
}
