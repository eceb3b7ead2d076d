package io.he4j.client;

import java.util.List;

/**
 * A federation as listed by {@link FederationClient#list()}: what a member or the owner may see of it (no key
 * material: the common seed and the member keys are left out).
 *
 * @param status  {@code enrolling}, {@code running}, {@code done} or {@code failed}
 * @param round   the round being collected (0 while enrolling)
 * @param phase   {@code enrolling}, {@code updates}, {@code shares}, {@code done} or {@code failed}
 * @param members the members, in joining order, with the rows each declared
 */
public record FederationSummary(String id, String name, String keyMode, int institutions, int parameters,
                                int rounds, String status, int round, String phase, String failure,
                                List<Member> members) {
    /** One member: its number, name and declared row count (its weight in the average). */
    public record Member(int number, String name, long rows) {
    }

    public FederationSummary {
        members = List.copyOf(members);
    }

    /** Rounds whose result exists: all of them once done, else those before the one being collected. */
    public int completedRounds() {
        return status.equals("done") ? rounds : Math.max(0, round - 1);
    }
}
