package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * `advise` as a user runs it: the named JSON fields, the closed forms they follow, the table, and
 * bad input.
 */
class AdviseCommandTest {
    private static final String SLICE =
            Path.of("../testdata/fashion-mnist-slice").toAbsolutePath().toString();

    @Test
    void recurrentLayerFollowsTheClosedFormsAndEveryLayerHasTheNamedFields() {
        CliRunner r =
                CliRunner.run(
                        "advise",
                        "--layers",
                        "784,101,10",
                        "--recurrent",
                        "--leak",
                        "0.5",
                        "--threshold",
                        "1",
                        "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(
                r.out().contains("recurrent0") && r.out().contains("sharpness"),
                "a human table comes first:\n" + r.out());
        JsonObject j = r.json();
        assertEquals(0.5, j.get("alpha").getAsDouble(), 1e-12);
        JsonArray layers = j.getAsJsonArray("layers");
        assertEquals(2, layers.size());
        JsonObject rec = layers.get(0).getAsJsonObject();
        for (String f :
                new String[] {
                    "weight_mean", "weight_std", "sharpness", "dampening", "expected_rate"
                }) {
            assertTrue(rec.has(f), f + " missing: " + rec);
        }
        // mean(W_rec) = (3 − 2α)θ/(n_rec − 1) = 2/100; Var = (σ²+μ²)·Var(W_in)·n_in/(n_rec − 1) −
        // mean²/2 with
        // spike input (σ² + μ² = 1/2) and Var(W_in) = 1/(784·1/2): 1/100 − 0.0002
        assertEquals(0.02, rec.get("recurrent_weight_mean").getAsDouble(), 1e-12);
        assertEquals(
                Math.sqrt(0.01 - 0.0002), rec.get("recurrent_weight_std").getAsDouble(), 1e-12);
        assertEquals(0.0, rec.get("weight_mean").getAsDouble());
        assertEquals(Math.sqrt(2.0 / 784), rec.get("weight_std").getAsDouble(), 1e-12);
        double s = rec.get("sharpness").getAsDouble(),
                rate = rec.get("expected_rate").getAsDouble();
        assertTrue(s >= 0.3 && s <= 1.6, "sharpness in the searched range: " + s);
        assertTrue(rate > 0 && rate < 1, "rate " + rate);
        JsonObject readout = layers.get(1).getAsJsonObject();
        assertEquals(
                Math.sqrt(2.0 / 101),
                readout.get("weight_std").getAsDouble(),
                1e-12,
                "He's rule on spikes");
        assertTrue(
                readout.get("sharpness").isJsonNull(),
                "the readout does not spike: no surrogate (null, as JSON lines keep nulls)");
    }

    @Test
    void datasetStatisticsScaleTheFirstLayer() {
        CliRunner r =
                CliRunner.run(
                        "advise",
                        "--layers",
                        "784,64,10",
                        "--dataset",
                        "fashion-mnist",
                        "--data-dir",
                        SLICE,
                        "--encoding",
                        "direct",
                        "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = r.json();
        double second = j.getAsJsonObject("input").get("second_moment").getAsDouble();
        assertTrue(
                second > 0.05 && second < 0.5,
                "pixel values in [0, 1], about a third dark: " + second);
        double std =
                j.getAsJsonArray("layers").get(0).getAsJsonObject().get("weight_std").getAsDouble();
        assertEquals(
                Math.sqrt(1 / (784 * second)),
                std,
                1e-12,
                "E[W²] = 1/(n_in·E[x²]) with the data's E[x²]");
    }

    @Test
    void triangularSurrogateFollowsItsOwnMomentsByHand() {
        // Triangular SG = γ·max(0, 1 − |s x|), θ = 1, α = 1 − 0.5, spike input (E[x²] = 1/2), x
        // over [−1, 1]:
        // E₁(s) = 1 − s/2 and E₂(s) = (1 − (1 − s)³)/(3s) for s ≤ 1; E₁ = 1/(2s), E₂ = 1/(3s) for s
        // ≥ 1.
        CliRunner r =
                CliRunner.run(
                        "advise",
                        "--layers",
                        "784,64,32,10",
                        "--leak",
                        "0.5",
                        "--threshold",
                        "1",
                        "--surrogate",
                        "triangular",
                        "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = r.json();
        assertEquals("triangular", j.get("surrogate").getAsString());
        assertEquals(0.5, j.get("alpha").getAsDouble(), 1e-12);
        JsonArray layers = j.getAsJsonArray("layers");
        // First layer: f = −0.75 + E₂(s)·γ²; E₂(0.3) = (1 − 0.343)/0.9 = 0.73 < 0.75, so f < 0 on
        // all of [0.3, 1.6]:
        // s = 0.3 (widest) and γ = √(0.75/0.73).
        JsonObject first = layers.get(0).getAsJsonObject();
        assertEquals(0.3, first.get("sharpness").getAsDouble(), 1e-12);
        assertEquals(Math.sqrt(0.75 / 0.73), first.get("dampening").getAsDouble(), 1e-5);
        // Second layer hears spikes: n_in·E[W²] = 2, f = −0.75 + E₂(s)γ² + 2·E₁(s)γ. At s = 1.6, E₁
        // = 0.3125 and
        // E₂ = 1/4.8, f(1.6, 1) = 1/12 > 0: s = 1.6 (sharpest), γ the positive root of γ²/4.8 +
        // 0.625γ − 0.75.
        JsonObject second = layers.get(1).getAsJsonObject();
        assertEquals(1.6, second.get("sharpness").getAsDouble(), 1e-12);
        double a = 1 / 4.8, b = 0.625;
        assertEquals(
                (-b + Math.sqrt(b * b + 4 * a * 0.75)) / (2 * a),
                second.get("dampening").getAsDouble(),
                1e-5);
        // The default shape gives other numbers: the flag is not ignored.
        JsonObject fast =
                CliRunner.run(
                                "advise",
                                "--layers",
                                "784,64,32,10",
                                "--leak",
                                "0.5",
                                "--threshold",
                                "1",
                                "--json")
                        .json();
        assertEquals("fast-sigmoid", fast.get("surrogate").getAsString());
        assertNotEquals(
                second.get("dampening").getAsDouble(),
                fast.getAsJsonArray("layers")
                        .get(1)
                        .getAsJsonObject()
                        .get("dampening")
                        .getAsDouble(),
                1e-3);
    }

    @Test
    void surrogateFlagsAreTrainsAndBadOnesAreNamed() {
        CliRunner q =
                CliRunner.run(
                        "advise",
                        "--layers",
                        "100,20,10",
                        "--surrogate",
                        "q-pseudospike",
                        "--tail-fatness",
                        "2",
                        "--json");
        assertEquals(0, q.exitCode(), q.err());
        assertEquals("q-pseudospike", q.json().get("surrogate").getAsString());
        CliRunner tail =
                CliRunner.run(
                        "advise",
                        "--layers",
                        "100,20,10",
                        "--surrogate",
                        "gaussian",
                        "--tail-fatness",
                        "2");
        assertEquals(1, tail.exitCode());
        assertTrue(
                tail.err().contains("--tail-fatness") && tail.err().contains("gaussian"),
                tail.err());
        CliRunner unknown =
                CliRunner.run("advise", "--layers", "100,20,10", "--surrogate", "boxcar");
        assertEquals(1, unknown.exitCode());
        assertTrue(
                unknown.err().contains("--surrogate")
                        && unknown.err().contains("boxcar")
                        && unknown.err().contains("triangular"),
                unknown.err());
        CliRunner adali = CliRunner.run("advise", "--layers", "100,20,10", "--surrogate", "adali");
        assertEquals(1, adali.exitCode());
        assertTrue(
                adali.err().contains("--surrogate") && adali.err().contains("adali"), adali.err());
    }

    @Test
    void badLayersAreNamed() {
        CliRunner r = CliRunner.run("advise", "--layers", "784,10", "--json");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("--layers"), r.err());
        assertTrue(r.json().get("error").getAsString().contains("at least one hidden layer"));
        CliRunner w =
                CliRunner.run(
                        "advise",
                        "--layers",
                        "100,20,10",
                        "--dataset",
                        "fashion-mnist",
                        "--data-dir",
                        SLICE);
        assertEquals(1, w.exitCode());
        assertTrue(w.err().contains("--layers") && w.err().contains("784"), w.err());
    }
}
