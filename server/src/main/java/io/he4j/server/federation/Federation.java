package io.he4j.server.federation;

import io.he4j.federated.KeyMode;
import io.he4j.federated.UpdateLayout;

/**
 * One federation's row: its settings, its common seed and collective key (threshold mode), and where it is:
 * status (enrolling, running, done, failed), the current round and phase (updates, shares), the phase's deadline.
 */
record Federation(String id, long ownerTenantId, String name, KeyMode keyMode, int institutions, int parameters,
                  double bound, int rounds, long roundTimeoutMs, byte[] commonSeed, byte[] collectiveKey,
                  String status, int currentRound, String phase, long deadlineAt, String failure) {

    /** The layout of every round's updates (weights summing to 1, |weighted sum| <= bound). */
    UpdateLayout layout() {
        return UpdateLayout.forSum(keyMode, parameters, 1, bound, institutions);
    }
}
