package io.he4j.spark;

import io.he4j.federated.Aggregator;
import io.he4j.federated.FederationException;
import io.he4j.federated.UpdateLayout;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Federated aggregation as a Spark job: sums many institutions' encrypted updates for one round
 * ({@link RecordColumns#UPDATES}) without any key, each partition with the coordinator's own {@link Aggregator}
 * (every ciphertext validated against the round's layout), then the partial sums by {@code treeReduce}. The
 * result is the list of ciphertexts {@link Aggregator#sum} returns, so the coordinator takes it as its own; the
 * additions are exact modular sums, so the bytes are the same whatever the tree.
 */
public final class AggregationJob {
    /** Updates summed per aggregator call while streaming through a partition (bounds the memory held). */
    private static final int UPDATES_PER_CALL = 16;

    private AggregationJob() {
    }

    public static List<byte[]> aggregate(Dataset<Row> updates, UpdateLayout layout, int treeDepth) {
        int parameters = layout.parameters();
        double scale = layout.scale();
        JavaRDD<List<byte[]>> chunks = updates.select(RecordColumns.UPDATE).javaRDD().map(r -> r.<byte[]>getList(0));
        JavaRDD<List<byte[]>> partials = chunks.mapPartitions(it -> partitionSum(it, new UpdateLayout(parameters, scale)));
        if (partials.isEmpty()) {
            throw new FederationException("nothing to aggregate: no update in the input");
        }
        return partials.treeReduce((a, b) -> sum(new UpdateLayout(parameters, scale), List.of(a, b)), treeDepth);
    }

    private static Iterator<List<byte[]>> partitionSum(Iterator<List<byte[]>> updates, UpdateLayout layout) {
        List<byte[]> acc = null;
        List<List<byte[]>> pending = new ArrayList<>(UPDATES_PER_CALL);
        while (updates.hasNext()) {
            pending.add(new ArrayList<>(updates.next()));
            if (pending.size() == UPDATES_PER_CALL || !updates.hasNext()) {
                if (acc != null) {
                    pending.addFirst(acc);
                }
                acc = sum(layout, pending);
                pending.clear();
            }
        }
        return acc == null ? List.<List<byte[]>>of().iterator() : List.of(acc).iterator();
    }

    private static List<byte[]> sum(UpdateLayout layout, List<List<byte[]>> updates) {
        return ExecutorAggregator.INSTANCE.sum(layout, updates);
    }

    /** One keyless aggregator per executor JVM (thread-safe). */
    private static final class ExecutorAggregator {
        static final Aggregator INSTANCE = new Aggregator();
    }
}
