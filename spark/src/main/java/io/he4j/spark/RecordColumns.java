package io.he4j.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one definition of the jobs' table layouts. Encrypted records: a record id, the id of the key set it was
 * encrypted under (null for a model that needs none) and the query exactly as the service's {@code /predict} or
 * {@code /predict-batch} takes it (a QUERY or BATCH_QUERY envelope, or one ciphertext's bytes). Results: the
 * job id, the record id and either the reply envelope or the reason the record failed. Institutions' updates:
 * the institution and its update's ciphertexts in chunk order.
 */
public final class RecordColumns {
    public static final String RECORD_ID = "record_id";
    public static final String KEY_SET_ID = "key_set_id";
    public static final String QUERY = "query";
    public static final String JOB_ID = "job_id";
    public static final String REPLY = "reply";
    public static final String ERROR = "error";
    public static final String INSTITUTION = "institution";
    public static final String UPDATE = "update";

    /** Encrypted records to score. */
    public static final StructType RECORDS = new StructType(new StructField[]{
            DataTypes.createStructField(RECORD_ID, DataTypes.StringType, false),
            DataTypes.createStructField(KEY_SET_ID, DataTypes.StringType, true),
            DataTypes.createStructField(QUERY, DataTypes.BinaryType, false)});

    /** One row per record and job: the encrypted reply, or null and the reason. */
    public static final StructType RESULTS = new StructType(new StructField[]{
            DataTypes.createStructField(JOB_ID, DataTypes.StringType, false),
            DataTypes.createStructField(RECORD_ID, DataTypes.StringType, false),
            DataTypes.createStructField(REPLY, DataTypes.BinaryType, true),
            DataTypes.createStructField(ERROR, DataTypes.StringType, true)});

    /** One institution's encrypted update for a round. */
    public static final StructType UPDATES = new StructType(new StructField[]{
            DataTypes.createStructField(INSTITUTION, DataTypes.StringType, false),
            DataTypes.createStructField(UPDATE, DataTypes.createArrayType(DataTypes.BinaryType, false), false)});

    private RecordColumns() {
    }
}
