package io.he4j.ml.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.ml.metrics.ClassificationMetrics;
import io.he4j.ml.metrics.RegressionMetrics;

/** An {@link EvaluationReport} as one JSON object (keys in snake_case; NaN becomes null). */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {
    }

    public static String toJson(EvaluationReport r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("dataset", r.dataset());
        o.put("model", r.model());
        o.put("mode", r.mode());
        o.put("test_rows", r.testRows());
        num(o, "accuracy_plain", r.accuracyPlain());
        num(o, "accuracy_encrypted", r.accuracyEncrypted());
        num(o, "label_agreement", r.labelAgreement());
        o.put("max_abs_score_diff", r.maxAbsScoreDiff());
        r.plain().ifPresent(m -> o.set("metrics_plain", metrics(m)));
        r.encrypted().ifPresent(m -> o.set("metrics_encrypted", metrics(m)));
        r.plainRegression().ifPresent(m -> o.set("metrics_plain", regression(m)));
        r.encryptedRegression().ifPresent(m -> o.set("metrics_encrypted", regression(m)));
        num(o, "e2e_ms_p50", r.single().map(s -> s.endToEnd().p50()).orElse(Double.NaN));
        num(o, "server_ms_p50", r.single().map(s -> s.server().p50())
                .orElse(r.batch().map(EvaluationReport.BatchTimings::serverMs).orElse(Double.NaN)));
        r.single().ifPresent(s -> {
            ObjectNode t = o.putObject("single");
            num(t, "e2e_ms_p90", s.endToEnd().p90());
            num(t, "server_compute_ms_p50", s.serverCompute().p50());
            num(t, "encrypt_ms_p50", s.encrypt().p50());
            num(t, "decrypt_ms_p50", s.decrypt().p50());
            t.put("queries_timed", s.endToEnd().count());
            t.put("query_bytes", s.queryBytes());
            t.put("reply_bytes", s.replyBytes());
        });
        r.batch().ifPresent(b -> {
            ObjectNode t = o.putObject("batch");
            t.put("batch_size", b.batchSize());
            num(t, "server_ms_per_batch", b.serverMs());
            num(t, "server_predictions_per_s", b.serverPerSecond());
            num(t, "compute_ms_per_batch", b.computeMs());
            num(t, "compute_predictions_per_s", b.computePerSecond());
            num(t, "client_encrypt_ms", b.clientEncryptMs());
            num(t, "client_decrypt_ms", b.clientDecryptMs());
            t.put("upload_bytes", b.uploadBytes());
        });
        ObjectNode p = o.putObject("params");
        p.put("preset", r.params().preset());
        p.put("N", r.params().polyDegree());
        ArrayNode primes = p.putArray("primes");
        r.params().dataPrimeBits().forEach(primes::add);
        ArrayNode special = p.putArray("special_primes");
        r.params().specialPrimeBits().forEach(special::add);
        p.put("security_bits", r.params().securityBits());
        o.put("compilation", r.description());
        return o.toString();
    }

    private static ObjectNode metrics(ClassificationMetrics m) {
        ObjectNode o = MAPPER.createObjectNode();
        num(o, "accuracy", m.accuracy());
        num(o, "precision", m.precision());
        num(o, "recall", m.recall());
        num(o, "f1", m.f1());
        num(o, "roc_auc", m.rocAuc());
        num(o, "log_loss", m.logLoss());
        ArrayNode cm = o.putArray("confusion");
        for (int[] row : m.confusion()) {
            ArrayNode r = cm.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        return o;
    }

    private static ObjectNode regression(RegressionMetrics m) {
        ObjectNode o = MAPPER.createObjectNode();
        num(o, "rmse", m.rmse());
        num(o, "mae", m.mae());
        num(o, "r2", m.r2());
        return o;
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }
}
