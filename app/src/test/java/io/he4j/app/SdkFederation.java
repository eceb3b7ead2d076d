package io.he4j.app;

import io.he4j.client.FederationClient;
import io.he4j.client.He4jClient;
import io.he4j.federated.Institution;
import io.he4j.federated.KeyMode;
import io.he4j.federated.UpdateEnvelope;
import io.he4j.federated.UpdateLayout;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A threshold federation driven through the SDK over the real service, as its members run it ({@code ./he4j fl
 * simulate}'s steps): the first member creates it and invites the others, every member joins with its public-key
 * share and a fresh signing key and installs the collective key; per round every member uploads its sealed update,
 * then its sealed decryption shares of the aggregate, and the decrypted average is fetched.
 */
final class SdkFederation {
    /** One member: its institution (data and threshold key share) and its tenant's SDK client. */
    record Member(Institution institution, He4jClient http) {
        FederationClient api() {
            return new FederationClient(http);
        }
    }

    private final List<Member> members;
    private final FederationClient.State state;
    private final List<PrivateKey> signing = new ArrayList<>();

    /** Creates a federation of these members (threshold mode) and has every one of them join it. */
    SdkFederation(List<Member> members, String name, int parameters, double bound, int rounds) {
        this.members = List.copyOf(members);
        FederationClient owner = members.getFirst().api();
        state = owner.create(name, KeyMode.THRESHOLD, members.size(), parameters, bound, rounds, Duration.ofMinutes(5));
        for (Member m : members) {
            KeyPair keys = UpdateEnvelope.newSigningKey();
            m.api().join(state.id(), m.institution().name(), m.institution().rows(),
                    m.institution().publicKeyShare(state.commonSeed()), keys,
                    m == members.getFirst() ? null : owner.invite(state.id()));
            signing.add(keys.getPrivate());
        }
        byte[] collective = owner.collectiveKey(state.id());
        members.forEach(m -> m.institution().useCollectiveKey(collective));
    }

    String id() {
        return state.id();
    }

    UpdateLayout layout() {
        return state.layout();
    }

    /** Round {@code r}: every member's encrypted values, then every decryption share; the decrypted sum. */
    double[] round(int r, Function<Institution, List<byte[]>> update) {
        UpdateLayout layout = state.layout();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            m.api().uploadUpdate(state.id(), r, new UpdateEnvelope(UpdateEnvelope.Purpose.UPDATE, state.id(), r,
                    m.institution().name(), layout, update.apply(m.institution())).seal(signing.get(i)));
        }
        List<byte[]> aggregate = members.getFirst().api().aggregate(state.id(), r);
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            m.api().uploadDecryptionShares(state.id(), r, new UpdateEnvelope(UpdateEnvelope.Purpose.DECRYPTION_SHARES,
                    state.id(), r, m.institution().name(), layout,
                    m.institution().decryptionShares(layout, aggregate)).seal(signing.get(i)));
        }
        return members.getFirst().api().result(state.id(), r);
    }
}
