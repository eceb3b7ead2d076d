package io.he4j.ml.data;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReaderTest {
    private static RawTable read(String text, CsvOptions o) {
        return CsvReader.read(new StringReader(text), "test.csv", o);
    }

    @Test
    void headerTargetByNameLeadingDotNumbersAndMissing() {
        RawTable t = read("a,b,y\n1,.7,0\n?,2.5e1,1\n\n3,,1\n", CsvOptions.csv(true, new TargetColumn.ByName("y")));
        assertEquals(List.of("a", "b"), t.featureNames());
        assertEquals("y", t.targetName());
        assertEquals(3, t.rows());
        assertArrayEquals(new double[]{1, 0.7}, t.features()[0]);
        assertTrue(Double.isNaN(t.features()[1][0]));
        assertEquals(25.0, t.features()[1][1]);
        assertTrue(Double.isNaN(t.features()[2][1]));
        assertArrayEquals(new double[]{0, 1, 1}, t.target());
    }

    @Test
    void noHeaderTargetByIndexInTheMiddleAndNegativeIndex() {
        RawTable t = read("1,9,2\n3,8,4\n", CsvOptions.csv(false, new TargetColumn.ByIndex(1)));
        assertEquals(List.of("x0", "x2"), t.featureNames());
        assertArrayEquals(new double[]{9, 8}, t.target());
        assertArrayEquals(new double[]{3, 4}, t.features()[1]);
        RawTable last = read("1,9,2\n3,8,4\n", CsvOptions.csv(false, TargetColumn.last()));
        assertArrayEquals(new double[]{2, 4}, last.target());
    }

    @Test
    void rowsWithMissingTargetAreDroppedAndCounted() {
        RawTable t = read("1,0\n2,?\n3,1\n", CsvOptions.csv(false, TargetColumn.last()));
        assertEquals(2, t.rows());
        assertEquals(1, t.droppedTarget());
    }

    @Test
    void whitespaceDelimitedAndQuotedHeader() {
        RawTable t = read("\"p\"  r\n1  2\n 3\t4 \n", CsvOptions.csv(true, new TargetColumn.ByName("r")).withDelimiter(' '));
        assertEquals(List.of("p"), t.featureNames());
        assertArrayEquals(new double[]{2, 4}, t.target());
        assertArrayEquals(new double[]{3}, t.features()[1]);
    }

    @Test
    void skipLinesIgnoresADescriptorLine() {
        RawTable t = read("2,1,a,b\n1,0\n2,1\n", CsvOptions.csv(false, TargetColumn.last()).withSkipLines(1));
        assertEquals(2, t.rows());
    }

    @Test
    void badNumberNamesLineAndColumn() {
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> read("a,b,y\n1,2,0\n3,abc,1\n", CsvOptions.csv(true, new TargetColumn.ByName("y"))));
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("line 3, column 2"), e.getMessage());
        assertTrue(e.getMessage().contains("'abc'") && e.getMessage().contains("'b'"), e.getMessage());
    }

    @Test
    void javaSpecificNumberSpellingsAreRejected() {
        for (String bad : new String[]{"NaN", "Infinity", "1.0d", "0x10", "1,5"}) {
            String text = "1,0\n" + bad + ",1\n";
            CsvFormatException e = assertThrows(CsvFormatException.class,
                    () -> read(text, CsvOptions.csv(false, TargetColumn.last()).withDelimiter(';')));
            assertTrue(e.getMessage().contains("line"), e.getMessage());
        }
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> read("1,0\nNaN,1\n", CsvOptions.csv(false, TargetColumn.last())));
        assertEquals(2, e.line());
        assertEquals(1, e.column());
    }

    @Test
    void raggedRowNamesTheLine() {
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> read("1,2,0\n3,4,1\n5,1\n", CsvOptions.csv(false, TargetColumn.last())));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("expected 3 columns") && e.getMessage().contains("found 2"), e.getMessage());
    }

    @Test
    void unknownTargetAndOutOfRangeIndexAreExplained() {
        CsvFormatException byName = assertThrows(CsvFormatException.class,
                () -> read("a,b\n1,2\n", CsvOptions.csv(true, new TargetColumn.ByName("z"))));
        assertTrue(byName.getMessage().contains("no column named 'z'") && byName.getMessage().contains("[a, b]"),
                byName.getMessage());
        CsvFormatException byIndex = assertThrows(CsvFormatException.class,
                () -> read("1,2\n", CsvOptions.csv(false, new TargetColumn.ByIndex(5))));
        assertTrue(byIndex.getMessage().contains("out of range"), byIndex.getMessage());
    }

    @Test
    void emptyFileAndSingleColumnAreRejected() {
        assertThrows(CsvFormatException.class, () -> read("", CsvOptions.csv(false, TargetColumn.last())));
        assertThrows(CsvFormatException.class, () -> read("a\n1\n", CsvOptions.csv(true, TargetColumn.last())));
        assertThrows(CsvFormatException.class, () -> read("a,y\n", CsvOptions.csv(true, TargetColumn.last())));
    }

    @Test
    void targetParseSpelling() {
        assertEquals(new TargetColumn.ByIndex(13), TargetColumn.parse("13"));
        assertEquals(new TargetColumn.ByIndex(-1), TargetColumn.parse("-1"));
        assertEquals(new TargetColumn.ByName("num"), TargetColumn.parse("num"));
    }
}
