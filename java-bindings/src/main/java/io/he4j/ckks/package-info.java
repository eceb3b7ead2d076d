/**
 * CKKS homomorphic encryption over the he4j native engine.
 *
 * <p>Client: {@link io.he4j.ckks.CkksContext} from {@link io.he4j.ckks.CkksParameters}, keys from
 * {@link io.he4j.ckks.KeyGenerator}, {@link io.he4j.ckks.Encoder} + {@link io.he4j.ckks.SymmetricEncryptor}
 * or {@link io.he4j.ckks.Encryptor}, and {@link io.he4j.ckks.Decryptor}. Server: a
 * {@link io.he4j.ckks.PublicContext} (no secret key) and an {@link io.he4j.ckks.Evaluator}.
 *
 * <p>Native objects ({@code CkksContext}, keys, {@code Plaintext}, {@code Ciphertext}) are
 * {@link java.lang.AutoCloseable}: close them to free native memory promptly (a cleaner frees forgotten
 * ones); using a closed object throws {@link java.lang.IllegalStateException}. Every failure is an unchecked
 * {@link io.he4j.ckks.He4jException}; loading untrusted bytes fails only with
 * {@link io.he4j.ckks.MalformedInputException}. No method accepts or returns {@code null}.
 */
package io.he4j.ckks;
