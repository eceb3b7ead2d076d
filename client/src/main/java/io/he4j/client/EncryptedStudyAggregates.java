package io.he4j.client;

import java.util.List;
import java.util.Optional;

/**
 * A study's aggregates as the service computed them, still encrypted under the study's public key (each a
 * serialized ciphertext whose every slot holds the total): the count (sum of the uploads' indicators), and per
 * feature the sum, the mean (sum x 1/rows, rows being the declared total), the sum of squares and, when the study
 * has standardization constants, the standardized sum sum((x - mean)/std). Only {@link StudyAuthority} decrypts.
 */
public record EncryptedStudyAggregates(String study, List<String> features, int institutions, int uploads,
                                       long declaredRows, String keySha256, byte[] count, List<byte[]> sum,
                                       List<byte[]> mean, List<byte[]> sumOfSquares,
                                       Optional<List<byte[]>> standardizedSum) {
}
