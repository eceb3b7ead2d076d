package io.he4j.spark;

import io.he4j.federated.Aggregator;
import io.he4j.federated.FederationException;
import io.he4j.federated.KeyMode;
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
        // the layout's fields travel to the executors (records are not serializable)
        KeyMode mode = layout.mode();
        int parameters = layout.parameters();
        double scale = layout.scale();
        int smudging = layout.smudgingBits();
        JavaRDD<Row> rows = updates.select(RecordColumns.INSTITUTION, RecordColumns.UPDATE).javaRDD();
        JavaRDD<List<byte[]>> partials = rows.mapPartitions(it -> partitionSum(it,
                new UpdateLayout(mode, parameters, scale, smudging)));
        if (partials.isEmpty()) {
            throw new FederationException("nothing to aggregate: no update in the input");
        }
        return partials.treeReduce((a, b) -> sum(new UpdateLayout(mode, parameters, scale, smudging), List.of(a, b)),
                treeDepth);
    }

    /** The partition's rows (institution, update) summed into one partial sum, or none for an empty partition. */
    private static Iterator<List<byte[]>> partitionSum(Iterator<Row> rows, UpdateLayout layout) {
        List<byte[]> acc = null;
        List<String> institutions = new ArrayList<>(UPDATES_PER_CALL);
        List<List<byte[]>> pending = new ArrayList<>(UPDATES_PER_CALL);
        while (rows.hasNext()) {
            Row r = rows.next();
            institutions.add(r.getString(0));
            pending.add(new ArrayList<>(r.<byte[]>getList(1)));
            if (pending.size() == UPDATES_PER_CALL || !rows.hasNext()) {
                acc = sumNaming(layout, acc, institutions, pending);
                institutions.clear();
                pending.clear();
            }
        }
        return acc == null ? List.<List<byte[]>>of().iterator() : List.of(acc).iterator();
    }

    /**
     * The sum of the pending updates (and the running sum); when the aggregator refuses one, the job fails
     * naming that institution, found by validating each pending update alone.
     */
    private static List<byte[]> sumNaming(UpdateLayout layout, List<byte[]> acc, List<String> institutions,
                                          List<List<byte[]>> updates) {
        List<List<byte[]>> all = new ArrayList<>(updates);
        if (acc != null) {
            all.addFirst(acc);
        }
        try {
            return sum(layout, all);
        } catch (FederationException e) {
            for (int i = 0; i < updates.size(); i++) {
                try {
                    sum(layout, List.of(updates.get(i)));
                } catch (FederationException refused) {
                    throw new FederationException("institution " + institutions.get(i) + ": " + refused.getMessage());
                }
            }
            throw e;
        }
    }

    private static List<byte[]> sum(UpdateLayout layout, List<List<byte[]>> updates) {
        return ExecutorAggregator.INSTANCE.sum(layout, updates);
    }

    /** One keyless aggregator per executor JVM (thread-safe). */
    private static final class ExecutorAggregator {
        static final Aggregator INSTANCE = new Aggregator();
    }
}
