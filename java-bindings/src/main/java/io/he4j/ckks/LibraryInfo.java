package io.he4j.ckks;

/**
 * What was loaded: library version, backend ("he4j" or "seal"), the kernel path chosen at load time
 * ("avx512ifma", "avx512dq" or "scalar"), the CPU features seen, the C ABI version and where the
 * library was loaded from. Immutable.
 *
 * @param version library version, e.g. "0.1.0"
 * @param backend backend name
 * @param cpuPath kernel path in force (HE4J_DISABLE_AVX512=1 forces "scalar")
 * @param cpuFeatures CPU and OS support as detected by CPUID/XGETBV
 * @param abiVersion version of the C ABI
 * @param source the file or jar resource the library came from
 */
public record LibraryInfo(String version, String backend, String cpuPath, String cpuFeatures, int abiVersion,
                          String source) {
}
