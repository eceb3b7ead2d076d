import io.he4j.bench.ml.HeProtocols;
import io.he4j.bench.ml.MlCase;
import io.he4j.ml.data.Split;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.he.ModelClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/** Client encryption of one Cleveland LR batch: median thread CPU of 15 after 5 warm-up (bench/results/flood-20261205). */
public class EncBatch {
    public static void main(String[] a) throws Exception {
        Split s = MlCase.CLEVELAND_LR.split(Path.of("/work/shared/data"));
        TrainedModel lr = MlCase.CLEVELAND_LR.train(s);
        HeProtocols.Deployable c = HeProtocols.compile(lr, "lr", "v");
        int cap = c.manifest().batch().capacity();
        double[][] rows = new double[cap][];
        for (int i = 0; i < cap; i++) rows[i] = lr.imputer().apply(s.test().x()[i % s.test().rows()]);
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (ModelClient client = ModelClient.create(c.manifest())) {
            long[] t = new long[15];
            for (int r = -5; r < t.length; r++) {
                long c0 = bean.getCurrentThreadCpuTime();
                client.encryptBatch(rows);
                if (r >= 0) t[r] = bean.getCurrentThreadCpuTime() - c0;
            }
            java.util.Arrays.sort(t);
            System.out.printf("%s batch of %d: encrypt median %.2f ms CPU (min %.2f)%n", c.manifest().batch().preset(), cap, t[t.length / 2] / 1e6, t[0] / 1e6);
        }
    }
}
