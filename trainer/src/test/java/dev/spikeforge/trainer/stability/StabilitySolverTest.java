package dev.spikeforge.trainer.stability;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.trainer.surrogate.FastSigmoid;
import org.junit.jupiter.api.Test;

class StabilitySolverTest {

    private static StabilityPlan solve(
            int inputs, int[] hidden, boolean recurrent, double dv, double theta) {
        return StabilitySolver.solve(
                StabilityProblem.mlp(
                        inputs,
                        hidden,
                        10,
                        recurrent,
                        new FloatLif(1.0, dv, theta, Reset.TO_ZERO),
                        InputStatistics.spikes(),
                        20,
                        SurrogateFamily.FAST_SIGMOID),
                1L);
    }

    @Test
    void surrogateMomentsOverMinusThetaToThetaMatchTheFastSigmoidClosedForms() {
        // E1 = (1/θ)∫0^θ (1+2sx)^-2 dx = 1/(1+2sθ);  E2 = (1/(6sθ))(1 − (1+2sθ)^-3)
        double s = 0.7, theta = 1.5, k = 1 + 2 * s * theta;
        FastSigmoid sg = new FastSigmoid(1, s);
        assertEquals(1 / k, SurrogateMoments.moment(sg, theta, 1), 1e-9);
        assertEquals(
                (1 - Math.pow(k, -3)) / (6 * s * theta),
                SurrogateMoments.moment(sg, theta, 2),
                1e-9);
    }

    @Test
    void sharpnessSolvedByHandForAFirstLayer() {
        // α = 0.5, θ = 2, first dense layer (no recurrent or lower-layer term): −1 + α² + θ²·E2(s)
        // = 0 becomes
        // (1/(3s))(1 − (1+4s)^-3) = 0.75, solved by bisection on paper's closed form: s =
        // 0.421510...
        LayerChoice c = solve(100, new int[] {50}, false, 0.5, 2.0).layer(0);
        assertEquals(0.4215105, c.sharpness(), 1e-5);
        assertEquals(1.0, c.dampening());
        assertEquals(0.0, c.residual(), 1e-9);
        assertTrue(c.reason().startsWith("root"), c.reason());
    }

    @Test
    void noRootInTheRangeLowersTheDampeningAtTheSharpestEnd() {
        // α = 0.95, θ = 1: even at s = 1.6, E2 = (1/9.6)(1 − 4.2^-3) = 0.10276 > 1 − α² = 0.0975,
        // so s = 1.6 and
        // γ² = 0.0975 / 0.10276: γ = 0.974067.
        LayerChoice c = solve(100, new int[] {50}, false, 0.05, 1.0).layer(0);
        assertEquals(1.6, c.sharpness(), 1e-12);
        assertEquals(0.9740670, c.dampening(), 1e-6);
        assertEquals(0.0, c.residual(), 1e-9);
    }

    @Test
    void recurrentMeanAndVarianceFollowTheClosedForms() {
        // n_rec = 101, α = 0.95, θ = 1: mean = (3 − 1.9)/100 = 0.011. Spike input: Var(W_in) =
        // 1/(784·0.5), so
        // Var(W_rec) = 0.5·Var(W_in)·784/100 − 0.011²/2 = 0.01 − 0.0000605.
        LayerChoice c = solve(784, new int[] {101}, true, 0.05, 1.0).layer(0);
        assertEquals(0.011, c.recurrentMean(), 1e-12);
        assertEquals(Math.sqrt(0.0099395), c.recurrentStd(), 1e-12);
        assertEquals(Math.sqrt(1 / 392.0), c.weightStd(), 1e-12);
        assertEquals(0.0, c.weightMean());
        // The recurrent term makes the equation need far less gradient: (100·E[W_rec²] +
        // 1)·γ²·E2(1.6) = 0.0975.
        double e2 = (1 - Math.pow(4.2, -3)) / 9.6, rec = 100 * (0.0099395 + 0.011 * 0.011);
        assertEquals(1.6, c.sharpness(), 1e-12);
        assertEquals(Math.sqrt(0.0975 / ((rec + 1) * e2)), c.dampening(), 1e-9);
    }

    @Test
    void deeperLayersGetHesRuleAndTheLowerLayerTerm() {
        StabilityPlan plan = solve(784, new int[] {400, 200}, false, 0.05, 1.0);
        LayerChoice second = plan.layer(1);
        assertEquals(Math.sqrt(2.0 / 400), second.weightStd(), 1e-12);
        // −0.0975 + γ²·E2(1.6) + 2·γ·E1(1.6) = 0, E1 = 1/4.2: the positive root of the quadratic
        double a = (1 - Math.pow(4.2, -3)) / 9.6, b = 2 / 4.2, c = -0.0975;
        assertEquals((-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a), second.dampening(), 1e-9);
        assertEquals(Math.sqrt(2.0 / 200), plan.layer(2).weightStd(), 1e-12);
        assertTrue(Double.isNaN(plan.layer(2).sharpness()), "the readout has no surrogate");
    }

    @Test
    void expectedRateMatchesAClosedFormForConstantDrive() {
        // Direct-like input (everything static): each neuron gets a constant drive a ~ N(0, 1).
        // With du = 1, dv = 0
        // (α = 1, integrate-and-fire) and reset to zero a neuron with a > 0 fires every ⌈θ/a⌉-th
        // step after the
        // first; estimate that average independently by quadrature over a.
        InputStatistics direct = new InputStatistics(0.3, 0.2, 0.2, "test");
        FloatLif ifNeuron = new FloatLif(1.0, 0.0, 1.0, Reset.TO_ZERO);
        StabilityPlan plan =
                StabilitySolver.solve(
                        StabilityProblem.mlp(
                                50,
                                new int[] {40},
                                10,
                                false,
                                ifNeuron,
                                direct,
                                20,
                                SurrogateFamily.FAST_SIGMOID),
                        3L);
        double expected = 0, steps = 20, da = 1e-4;
        for (double a = da / 2; a < 8; a += da) {
            double density = Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI);
            int every = (int) Math.floor(1 / a) + 1; // v = k·a must exceed θ = 1: k = ⌊1/a⌋ + 1
            int spikes =
                    (int) ((steps - 1) / every); // the first step hears nothing (one step of delay)
            expected += density * da * spikes / steps;
        }
        assertEquals(expected, plan.layer(0).expectedRate(), 0.01);
    }
}
