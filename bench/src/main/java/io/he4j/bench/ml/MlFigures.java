package io.he4j.bench.ml;

import io.he4j.bench.model.Backends;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;
import io.he4j.ml.eval.EvaluationReport;
import io.he4j.ml.eval.Latencies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link EvaluationReport} as figures {@code ml/<case>/<metric>}: accuracies and label agreement in
 * percent, latency medians in ms (their p90 and p99 as parameters), byte counts, and for batch mode the
 * server's predictions per second as {@code throughput} and the rest with a {@code batch_} prefix.
 */
public final class MlFigures {
    private final MlCase c;
    private final Map<String, Object> params;
    private final String backend;
    private final String cpuPath;
    private final String command;
    private final List<Figure> out = new ArrayList<>();

    private MlFigures(MlCase c, Map<String, Object> params, String backend, String cpuPath, String command) {
        this.c = c;
        this.params = params;
        this.backend = backend;
        this.cpuPath = cpuPath;
        this.command = command;
    }

    public static List<Figure> of(EvaluationReport r, MlCase c, String backend, String cpuPath, String command) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("dataset", c.dataset());
        params.put("model", c.modelName());
        params.put("mode", c.mode());
        params.put("test_rows", r.testRows());
        params.putAll(HeProtocols.parameters(r));
        r.single().ifPresent(s -> {
            params.put("queries_timed", s.endToEnd().count());
            params.put("e2e_ms_p90", s.endToEnd().p90());
            params.put("e2e_ms_p99", s.endToEnd().p99());
            params.put("server_ms_p99", s.server().p99());
        });
        r.batch().ifPresent(b -> params.put("batch_size", b.batchSize()));
        MlFigures f = new MlFigures(c, params, backend, cpuPath, command);
        f.add("accuracy_plain", "percent", 100 * r.accuracyPlain(), Backends.NONE);
        f.add("accuracy_encrypted", "percent", 100 * r.accuracyEncrypted(), backend);
        f.add("label_agreement", "percent", 100 * r.labelAgreement(), backend);
        f.add("max_abs_score_diff", "value", r.maxAbsScoreDiff(), backend);
        r.single().ifPresent(s -> {
            f.latency("e2e_ms", s.endToEnd());
            f.latency("server_ms", s.server());
            f.latency("server_compute_ms", s.serverCompute());
            f.latency("encrypt_ms", s.encrypt());
            f.latency("decrypt_ms", s.decrypt());
            f.add("query_bytes", "bytes", s.queryBytes(), backend);
            f.add("reply_bytes", "bytes", s.replyBytes(), backend);
        });
        r.batch().ifPresent(b -> {
            f.add("server_ms", "ms", b.serverMs(), backend);
            f.add("throughput", "ops/s", b.serverPerSecond(), backend);
            f.add("batch_server_ms_per_batch", "ms", b.serverMs(), backend);
            f.add("batch_compute_ms_per_batch", "ms", b.computeMs(), backend);
            f.add("batch_compute_predictions_per_s", "ops/s", b.computePerSecond(), backend);
            f.add("batch_client_encrypt_ms", "ms", b.clientEncryptMs(), backend);
            f.add("batch_client_decrypt_ms", "ms", b.clientDecryptMs(), backend);
            f.add("batch_upload_bytes", "bytes", b.uploadBytes(), backend);
        });
        return List.copyOf(f.out);
    }

    private void latency(String metric, Latencies l) {
        add(metric, "ms", l.p50(), backend);
    }

    /** NaN (e.g. accuracy of a regression) is not a figure. */
    private void add(String metric, String unit, double value, String figureBackend) {
        if (Double.isFinite(value)) {
            out.add(new Figure(c.figureId(metric), "ml", c.id() + "/" + metric, unit, value, Spread.exact(value),
                    params, figureBackend, cpuPath, command));
        }
    }
}
