/** he4j CKKS: homomorphic encryption over a native engine bound through the FFM API. */
module io.he4j.ckks {
    exports io.he4j.ckks;
}
