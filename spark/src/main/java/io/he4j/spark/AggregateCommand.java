package io.he4j.spark;

import io.he4j.federated.KeyMode;
import io.he4j.federated.UpdateLayout;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * Sums one round's encrypted updates from Parquet into one row of the same layout (institution
 * {@value #AGGREGATE}, the aggregate's ciphertexts in chunk order), which the coordinator decrypts or shares.
 */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = "Sum institutions' encrypted updates (Parquet: institution, update) with a tree aggregation.")
final class AggregateCommand implements Runnable {
    static final String AGGREGATE = "aggregate";

    @Mixin
    SparkOptions spark;

    @Option(names = "--updates", required = true, paramLabel = "PATH", description = "Parquet updates.")
    String updates;

    @Option(names = "--parameters", required = true, paramLabel = "N", description = "Model parameters per update.")
    int parameters;

    @Option(names = "--scale", required = true, paramLabel = "S", description = "The round's encoding scale.")
    double scale;

    @Option(names = "--key-mode", defaultValue = "THRESHOLD", paramLabel = "MODE",
            description = "The federation's key mode: THRESHOLD (default) or SHARED.")
    KeyMode keyMode;

    @Option(names = "--smudging-bits", defaultValue = "0", paramLabel = "B",
            description = "Threshold mode: the round layout's smudging bits (as the federation's state says).")
    int smudgingBits;

    @Option(names = "--tree-depth", defaultValue = "2", paramLabel = "D", description = "treeReduce depth (default 2).")
    int depth;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Parquet output (must not exist).")
    String out;

    @Override
    public void run() {
        SparkSession session = spark.session("he4j aggregate");
        try {
            List<byte[]> sum = AggregationJob.aggregate(CiphertextParquet.read(session, updates),
                    new UpdateLayout(keyMode, parameters, scale, smudgingBits), depth);
            CiphertextParquet.write(session.createDataFrame(List.of(RowFactory.create(AGGREGATE,
                    sum.toArray(new byte[0][]))), RecordColumns.UPDATES).coalesce(1), out);
            System.out.println("aggregate of " + sum.size() + " ciphertexts written to " + out);
        } finally {
            session.stop();
        }
    }
}
