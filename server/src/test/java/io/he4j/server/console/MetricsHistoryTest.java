package io.he4j.server.console;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsHistoryTest {
    @Test
    void sumsCountAndTimePerRouteOverStatusesAndMethods() {
        String text = """
                # HELP he4j_http_request_seconds HTTP request latency
                he4j_http_request_seconds_bucket{method="POST",route="/v1/models/{id}/predict",status="200",le="0.001"} 3
                he4j_http_request_seconds_count{method="POST",route="/v1/models/{id}/predict",status="200"} 4
                he4j_http_request_seconds_sum{method="POST",route="/v1/models/{id}/predict",status="200"} 0.5
                he4j_http_request_seconds_count{method="POST",route="/v1/models/{id}/predict",status="400"} 1
                he4j_http_request_seconds_sum{method="POST",route="/v1/models/{id}/predict",status="400"} 0.25
                he4j_http_request_seconds_count{method="GET",route="/health",status="200"} 2
                he4j_http_request_seconds_sum{method="GET",route="/health",status="200"} 0.002
                """;
        Map<String, double[]> m = MetricsHistory.parse(text);
        assertEquals(2, m.size());
        assertArrayEquals(new double[] {5, 0.75}, m.get("/v1/models/{id}/predict"), 1e-12);
        assertArrayEquals(new double[] {2, 0.002}, m.get("/health"), 1e-12);
    }
}
