package io.he4j.federated;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An update is bound to its federation, round, institution and layout; anything else is refused by name. */
class UpdateEnvelopeTest {
    private static final KeyPair SIGNER = UpdateEnvelope.newSigningKey();
    private static final byte[] KEY = UpdateEnvelope.publicKeyBytes(SIGNER);
    private static final UpdateLayout LAYOUT = new UpdateLayout(KeyMode.THRESHOLD, 5000, 0x1p80, 57);
    private static final List<byte[]> CHUNKS = List.of(new byte[] {1, 2, 3}, new byte[] {4, 5});

    private static byte[] sealed() {
        return new UpdateEnvelope(UpdateEnvelope.Purpose.UPDATE, "fed-1", 3, "hospital-a", LAYOUT, CHUNKS).seal(SIGNER.getPrivate());
    }

    private static void refused(byte[] bytes, byte[] key, String fed, int round, String inst, UpdateLayout layout,
                                String expected) {
        FederationException e = assertThrows(FederationException.class,
                () -> UpdateEnvelope.open(bytes, key, UpdateEnvelope.Purpose.UPDATE, fed, round, inst, layout));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void opensForItsOwnRound() {
        UpdateEnvelope e = UpdateEnvelope.open(sealed(), KEY, UpdateEnvelope.Purpose.UPDATE, "fed-1", 3, "hospital-a",
                LAYOUT);
        assertArrayEquals(CHUNKS.get(1), e.chunks().get(1));
    }

    @Test
    void refusesAnotherFederationRoundInstitutionOrLayout() {
        refused(sealed(), KEY, "fed-2", 3, "hospital-a", LAYOUT, "for federation 'fed-1', not 'fed-2'");
        refused(sealed(), KEY, "fed-1", 4, "hospital-a", LAYOUT, "for round 3; the federation is collecting round 4");
        refused(sealed(), KEY, "fed-1", 3, "hospital-b", LAYOUT, "sealed as institution 'hospital-a'");
        refused(sealed(), KEY, "fed-1", 3, "hospital-a", new UpdateLayout(KeyMode.THRESHOLD, 4000, 0x1p80, 57),
                "4000 parameters");
        refused(sealed(), KEY, "fed-1", 3, "hospital-a", new UpdateLayout(KeyMode.THRESHOLD, 5000, 0x1p79, 57),
                "scale");
        refused(sealed(), KEY, "fed-1", 3, "hospital-a", new UpdateLayout(KeyMode.SHARED, 5000, 0x1p80, 0),
                "expects SHARED");
    }

    @Test
    void refusesAlteredOrForeignEnvelopes() {
        byte[] b = sealed();
        b[20] ^= 1;  // inside the header: a forged round or federation id
        refused(b, KEY, "fed-1", 3, "hospital-a", LAYOUT, "signature does not verify");
        // sealed by another member's key: its signature does not verify under hospital-a's registered key
        byte[] other = new UpdateEnvelope(UpdateEnvelope.Purpose.UPDATE, "fed-1", 3, "hospital-a", LAYOUT, CHUNKS)
                .seal(UpdateEnvelope.newSigningKey().getPrivate());
        refused(other, KEY, "fed-1", 3, "hospital-a", LAYOUT, "signature does not verify");
        refused(new byte[10], KEY, "fed-1", 3, "hospital-a", LAYOUT, "truncated");
        byte[] bare = new byte[100];
        refused(bare, KEY, "fed-1", 3, "hospital-a", LAYOUT, "signature does not verify");
        // what the coordinator stores (the public key) cannot seal: a database reader cannot forge an update
        refused(sealed(), new byte[] {1, 2, 3}, "fed-1", 3, "hospital-a", LAYOUT, "Ed25519 public key");
        FederationException e = assertThrows(FederationException.class, () -> UpdateEnvelope.open(sealed(), KEY,
                UpdateEnvelope.Purpose.DECRYPTION_SHARES, "fed-1", 3, "hospital-a", LAYOUT));
        assertTrue(e.getMessage().contains("expected decryption shares"), e.getMessage());
    }
}
