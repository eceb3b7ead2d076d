package io.he4j.ml.he;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.PublicContext;
import io.he4j.ml.TestData;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.ModelManifest;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a client sees in a slot-encoded reply (Cleveland 13-8-1 MLP on the folded-output protocol, P8K-IFMA):
 * with model privacy every non-score slot is covered by a uniform mask of magnitude M, the largest the level's
 * modulus allows (mean |value| near M / 2), the score still decrypts within 1e-3, and the reply differs every
 * time; the control without privacy shows the partial sums (far below M in magnitude) and repeats exactly.
 */
class SlotReplyPrivacyTest {

    @Test
    void nonScoreSlotsAreMaskedAndTheScoreSurvives() {
        Split s = Splits.trainTest(Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND,
                MissingValues.Policy.DROP_ROWS), 0.25, 42);
        TrainedModel m = Trainer.train(s.train(), TrainOptions.mlp(List.of(8), "gelu", 5).withL2(0.05));
        CompiledModel compiled = foldedOutput(m);
        double[] x = m.imputer().apply(s.test().x()[0]);
        double plain = m.scores(x)[0];
        QueryLayout layout = compiled.manifest().single();
        try (ModelServer server = ModelServer.create(compiled);
             ModelServer trusted = ModelServer.withoutModelPrivacy(compiled);
             ModelClient client = ModelClient.create(compiled.manifest());
             PublicContext keys = PublicContext.fromBytes(client.keySet().orElseThrow());
             CkksContext ctx = CkksContext.create(layout.preset())) {
            byte[] query = client.encryptQuery(x);
            byte[] reply = server.predict(query, Optional.of(keys));
            byte[] again = server.predict(query, Optional.of(keys));
            byte[] control = trusted.predict(query, Optional.of(keys));
            assertNotEquals(java.util.Arrays.hashCode(reply), java.util.Arrays.hashCode(again));
            assertEquals(java.util.Arrays.hashCode(control),
                    java.util.Arrays.hashCode(trusted.predict(query, Optional.of(keys))), "control repeats");
            assertEquals(plain, client.decryptScores(reply)[0], 1e-3);
            assertEquals(plain, client.decryptScores(control)[0], 1e-3);

            int score = layout.scorePositions()[0];
            double[] seen = client.single().decryptAllSlots(reply);
            double[] partial = client.single().decryptAllSlots(control);
            // the reply's level and scale give M (SlotMask); the reply is at level 0
            double replyScale = io.he4j.ckks.Ciphertext.fromBytes(ctx, control).scale();
            double mBound = Math.pow(2, SlotMask.maskBits(ctx.moduli(), 0, replyScale));
            double maskedMean = 0;
            double partialMean = 0;
            for (int i = 0; i < seen.length; i++) {
                if (i != score) {
                    maskedMean += Math.abs(seen[i]) / (seen.length - 1);
                    partialMean += Math.abs(partial[i]) / (seen.length - 1);
                    assertTrue(Math.abs(seen[i]) <= mBound + 1e3, "slot " + i + " beyond the mask: " + seen[i]);
                }
            }
            System.out.printf("folded output: mask M = 2^%.1f, mean |non-score slot| %.3g with privacy, %.3g "
                    + "without; %s%n", Math.log(mBound) / Math.log(2), maskedMean, partialMean,
                    server.privacyDescription(false));
            assertTrue(Math.abs(maskedMean - mBound / 2) < mBound / 10, "masked slots are not uniform on [-M, M]: "
                    + "mean |v| " + maskedMean + " for M " + mBound);
            assertTrue(partialMean < mBound / 4, "control: partial sums should be far below M");
        }
    }

    /** The model compiled with its single query on the folded-output protocol under P8K-IFMA. */
    private static CompiledModel foldedOutput(TrainedModel m) {
        CompiledModel c = CompiledModel.compile(m, "folded", "1");
        SquareNetwork net = Folding.fold(m);
        QueryLayout folded;
        try (CkksContext ctx = CkksContext.create("P8K-IFMA")) {
            folded = FoldedOutputServer.layout(net, "P8K-IFMA", ctx);
        }
        assertEquals(ProtocolKind.FOLDED_OUTPUT, folded.kind());
        ModelManifest x = c.manifest();
        return new CompiledModel(ModelManifest.of(x.modelId(), x.version(), x.featureNames(), x.imputation(),
                x.classNames(), x.outputLink(), folded, x.batch()), net, 0, 0);
    }
}
