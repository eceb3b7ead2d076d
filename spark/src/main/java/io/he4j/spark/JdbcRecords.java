package io.he4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Properties;

/**
 * Reads stored encrypted records through Spark's JDBC source with partitioned reads: the rows are split by
 * ranges of a numeric column ({@code partitionColumn}) into {@code partitions} concurrent queries.
 */
public final class JdbcRecords {
    private JdbcRecords() {
    }

    /**
     * @param query a query (or table) whose rows have {@link RecordColumns#RECORD_ID}, {@link RecordColumns#QUERY}
     *              and the numeric partition column
     */
    public static Dataset<Row> read(SparkSession spark, String url, Properties connection, String query,
                                    String partitionColumn, long lowerBound, long upperBound, int partitions) {
        return spark.read().jdbc(url, "(" + query + ") AS records", partitionColumn, lowerBound, upperBound,
                partitions, connection);
    }
}
