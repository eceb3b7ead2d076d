package io.he4j.ml.train;

/**
 * Limited-memory BFGS (Liu and Nocedal, Math. Programming 45, 1989; two-loop recursion as in Nocedal and
 * Wright, Numerical Optimization, Alg. 7.4) with a backtracking Armijo line search. Fully deterministic.
 */
public final class Lbfgs {
    /**
     * @param maxIterations iteration cap
     * @param memory        number of correction pairs kept
     * @param gradTolerance stop when the gradient's max-norm is below this
     */
    public record Options(int maxIterations, int memory, double gradTolerance) {
        public static Options defaults(int maxIterations) {
            return new Options(maxIterations, 10, 1e-7);
        }
    }

    /** @param iterations iterations run; @param value final objective; @param gradNorm final gradient max-norm */
    public record Result(double[] theta, double value, int iterations, double gradNorm) {
    }

    private Lbfgs() {
    }

    public static Result minimize(Objective f, double[] theta0, Options o) {
        return minimize(f, theta0, o, io.he4j.ml.Progress.none(), "L-BFGS");
    }

    /** As {@link #minimize(Objective, double[], Options)}, reporting iterations to {@code progress}. */
    public static Result minimize(Objective f, double[] theta0, Options o, io.he4j.ml.Progress progress, String task) {
        int n = f.dimension();
        double[] x = theta0.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int m = o.memory();
        double[][] s = new double[m][];
        double[][] y = new double[m][];
        double[] rho = new double[m];
        int stored = 0;
        int head = 0;
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] alpha = new double[m];
        int it = 0;
        for (; it < o.maxIterations(); it++) {
            progress.update(task, it, o.maxIterations());
            if (maxAbs(g) < o.gradTolerance()) {
                break;
            }
            // two-loop recursion: d = -H g
            System.arraycopy(g, 0, d, 0, n);
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(head - 1 - k, m);
                alpha[i] = rho[i] * dot(s[i], d);
                axpy(-alpha[i], y[i], d);
            }
            double gamma = 1;
            if (stored > 0) {
                int last = Math.floorMod(head - 1, m);
                gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
            } else {
                gamma = 1 / Math.max(1, Math.sqrt(dot(g, g)));
            }
            scale(d, gamma);
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(head - 1 - k, m);
                double beta = rho[i] * dot(y[i], d);
                axpy(alpha[i] - beta, s[i], d);
            }
            scale(d, -1);
            double slope = dot(g, d);
            if (slope >= 0) { // not a descent direction: restart with steepest descent
                stored = 0;
                System.arraycopy(g, 0, d, 0, n);
                scale(d, -1 / Math.max(1, Math.sqrt(dot(g, g))));
                slope = dot(g, d);
            }
            double step = 1;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 40; ls++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * d[i];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break;
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
                s[head] = sk;
                y[head] = yk;
                rho[head] = 1 / sy;
                head = (head + 1) % m;
                stored = Math.min(stored + 1, m);
            }
            boolean tiny = Math.abs(fx - fNew) <= 1e-13 * Math.max(1, Math.abs(fx));
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (tiny) {
                it++;
                break;
            }
        }
        progress.update(task, o.maxIterations(), o.maxIterations());
        return new Result(x, fx, it, maxAbs(g));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
