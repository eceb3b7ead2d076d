package io.he4j.bench.nativebench;

import com.fasterxml.jackson.databind.JsonNode;
import io.he4j.bench.model.Backends;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.ResultsJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergeTest {
    static JsonNode doc(double... times) throws Exception {
        StringBuilder b = new StringBuilder("{\"context\":{\"kernel\":\"k\"},\"benchmarks\":[");
        for (int i = 0; i < times.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"name\":\"ckks_add/P8K\",\"run_name\":\"ckks_add/P8K\",")
                    .append("\"run_type\":\"iteration\",\"iterations\":10,\"real_time\":").append(times[i])
                    .append(",\"cpu_time\":").append(times[i]).append(",\"time_unit\":\"us\",")
                    .append("\"ciphertext_bytes\":1000}");
        }
        return ResultsJson.mapper().readTree(b.append("]}").toString());
    }

    @Test
    void interleavedRoundsPoolTheirRepetitions() throws Exception {
        JsonNode merged = NativeSuite.merge(List.of(doc(10, 12), doc(11, 30)));
        List<Figure> figs = GoogleBenchmarkJson.figures(merged, "native", Backends.SEAL, "cmd");
        assertEquals(1, figs.size());
        assertEquals(4, figs.get(0).spread().n());
        assertEquals(11.5, figs.get(0).median(), 1e-12);
        assertEquals(30, figs.get(0).spread().max(), 1e-12);
        assertEquals("native/ckks_add/P8K@seal", figs.get(0).id());
    }

    @Test
    void byteCountersBecomeSizeFiguresOnlyWhereTheyMeanACiphertext() throws Exception {
        List<Figure> sizes = GoogleBenchmarkJson.sizeCounters(doc(10), Backends.OWN, "cmd");
        assertTrue(sizes.isEmpty(), "ckks_add's ciphertext_bytes counter is not a fresh ciphertext size");
    }
}
