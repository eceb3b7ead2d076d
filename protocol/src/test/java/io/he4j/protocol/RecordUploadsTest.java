package io.he4j.protocol;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The multi-record upload framing and the study upload layout: round trips, and every defect refused. */
class RecordUploadsTest {
    @Test
    void roundTripsAndRefusesDefects() {
        List<RecordUploads.Item> items = List.of(new RecordUploads.Item("r1", "", false, 1, new byte[] {1, 2, 3}),
                new RecordUploads.Item("r2-batch", "p7", true, 40, new byte[1000]));
        byte[] bytes = RecordUploads.encode(items);
        List<RecordUploads.Item> back = RecordUploads.decode(bytes);
        assertEquals(2, back.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(items.get(i).id(), back.get(i).id());
            assertEquals(items.get(i).patient(), back.get(i).patient());
            assertEquals(items.get(i).batch(), back.get(i).batch());
            assertEquals(items.get(i).rows(), back.get(i).rows());
            assertArrayEquals(items.get(i).content(), back.get(i).content());
        }
        for (int cut = 0; cut < bytes.length; cut += 7) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(ProtocolException.class, () -> RecordUploads.decode(truncated), "cut at " + cut);
        }
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(ProtocolException.class, () -> RecordUploads.decode(trailing));
        byte[] badLayout = bytes.clone();
        badLayout[8 + 4 + 4 + 2 + 2 + 2] = 5;  // record 0's layout byte (id "r1", empty patient)
        assertThrows(ProtocolException.class, () -> RecordUploads.decode(badLayout));
        byte[] none = Arrays.copyOf(RecordUploads.encode(List.of()), 16);
        assertThrows(ProtocolException.class, () -> RecordUploads.decode(none));
    }

    @Test
    void studyLayoutPlacesBlocksFeatureMajor() {
        StudyUploadLayout l = new StudyUploadLayout(13, 4096, 4100);
        assertEquals(2, l.blocks());
        assertEquals(28, l.ciphertexts());
        assertEquals(14 + 5, l.featureIndex(1, 5));
        assertEquals(27, l.indicatorIndex(1));
        assertEquals(4, l.rowsIn(1));
        assertThrows(ProtocolException.class, () -> new StudyUploadLayout(0, 4096, 1));
        assertThrows(ProtocolException.class, () -> new StudyUploadLayout(3, 4096, 0));
    }
}
