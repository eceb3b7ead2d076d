package io.he4j.protocol;

import java.util.Arrays;

/**
 * Everything a client needs to encrypt a query for one protocol and read the reply, and nothing about the
 * weights: the parameters, the level and scale the input is encoded at, where the scores come back, and
 * which keys the server needs.
 *
 * @param kind           the protocol
 * @param preset         CKKS parameter preset name (e.g. "P2K-IFMA")
 * @param parameterId    the engine's parameter id of that preset (checked by both sides)
 * @param securityBits   classical security of the preset per the HomomorphicEncryption.org tables
 * @param inputs         raw features the client supplies (before any client-side expansion)
 * @param outputs        scores in the reply
 * @param level          level the query ciphertexts are encrypted at
 * @param inputScale     scale the query is encoded at
 * @param period         slot replication period D of the input (slot kinds), 0 for coefficient and batch kinds
 * @param scorePositions coefficient or slot index of each score in the decrypted reply (single-query kinds);
 *                       for batch kinds, empty: score k of row i is slot i of reply ciphertext k
 * @param capacity       patients per request: 1, or the slot count for batch kinds
 * @param keys           public material the server needs
 */
public record QueryLayout(ProtocolKind kind, String preset, long parameterId, int securityBits, int inputs,
                          int outputs, int level, double inputScale, int period, int[] scorePositions,
                          int capacity, KeyRequirements keys) {
    public QueryLayout {
        if (kind == null || preset == null || keys == null || scorePositions == null) {
            throw new ProtocolException("query layout: kind, preset, keys and scorePositions are required");
        }
        if (inputs < 1 || outputs < 1 || level < 0 || capacity < 1 || period < 0) {
            throw new ProtocolException("query layout: inputs, outputs and capacity must be >= 1, level and period "
                    + ">= 0; got inputs " + inputs + ", outputs " + outputs + ", level " + level + ", capacity "
                    + capacity + ", period " + period);
        }
        if (!(inputScale > 1) || Double.isInfinite(inputScale)) {
            throw new ProtocolException("query layout: input scale must be a finite number > 1, got " + inputScale);
        }
        if (securityBits < 128) {
            throw new ProtocolException("query layout: " + preset + " claims " + securityBits
                    + "-bit security; at least 128 is required");
        }
        scorePositions = scorePositions.clone();
        if (kind.batch() ? scorePositions.length != 0 : scorePositions.length != outputs) {
            throw new ProtocolException("query layout: " + kind + " needs " + (kind.batch() ? 0 : outputs)
                    + " score positions, got " + scorePositions.length);
        }
        for (int p : scorePositions) {
            if (p < 0) {
                throw new ProtocolException("query layout: negative score position " + p);
            }
        }
    }

    @Override
    public int[] scorePositions() {
        return scorePositions.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryLayout q && q.kind == kind && q.preset.equals(preset) && q.parameterId == parameterId
                && q.securityBits == securityBits && q.inputs == inputs && q.outputs == outputs && q.level == level
                && Double.compare(q.inputScale, inputScale) == 0 && q.period == period
                && Arrays.equals(q.scorePositions, scorePositions) && q.capacity == capacity && q.keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return ((kind.hashCode() * 31 + preset.hashCode()) * 31 + Arrays.hashCode(scorePositions)) * 31
                + Long.hashCode(parameterId);
    }
}
