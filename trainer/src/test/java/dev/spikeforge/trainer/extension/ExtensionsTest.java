package dev.spikeforge.trainer.extension;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ExtensionsTest {
    private record Named(String id, Map<String, String> state) implements TrainingExtension {
        @Override
        public Map<String, String> checkpointState() {
            return state;
        }
    }

    @Test
    void stateIsKeptByIdAndEmptyStateIsLeftOut() {
        Extensions x =
                new Extensions(List.of(new Named("a", Map.of("k", "1")), new Named("b", Map.of())));
        assertEquals(Map.of("a", Map.of("k", "1")), x.checkpointState());
    }

    @Test
    void twoExtensionsWithStateUnderOneIdAreRefused() {
        Extensions x =
                new Extensions(
                        List.of(
                                new Named("same", Map.of("k", "1")),
                                new Named("same", Map.of("k", "2"))));
        String m = assertThrows(IllegalStateException.class, x::checkpointState).getMessage();
        assertTrue(m.contains("'same'"), m);
    }

    @Test
    void resumeHandsEachExtensionItsOwnStateOrNone() {
        List<Map<String, String>> seen = new ArrayList<>();
        TrainingExtension a =
                new TrainingExtension() {
                    @Override
                    public String id() {
                        return "a";
                    }

                    @Override
                    public void resume(Resumption from) {
                        seen.add(from.state());
                    }
                };
        TrainingExtension b =
                new TrainingExtension() {
                    @Override
                    public void resume(Resumption from) {
                        seen.add(from.state());
                    }
                };
        new Extensions(List.of(a, b)).resume(List.of(), Map.of("a", Map.of("k", "v")));
        assertEquals(List.of(Map.of("k", "v"), Map.of()), seen);
    }

    @Test
    void deployedNestsFirstOutermostAroundTheWorkOnce() {
        List<String> log = new ArrayList<>();
        class Wrap implements TrainingExtension {
            final String n;

            Wrap(String n) {
                this.n = n;
            }

            @Override
            public <T> T deployed(Supplier<T> work) {
                log.add(n + "{");
                T t = work.get();
                log.add("}" + n);
                return t;
            }
        }
        String r =
                new Extensions(List.of(new Wrap("1"), new Wrap("2")))
                        .deployed(
                                () -> {
                                    log.add("work");
                                    return "done";
                                });
        assertEquals("done", r);
        assertEquals(List.of("1{", "2{", "work", "}2", "}1"), log);
    }

    @Test
    void oneBatchNumbering() {
        Batch b = new Batch(3, 2, 4);
        assertEquals(2.5, b.progress(), 1e-12, "epochs done before batch 2 (0-based) of epoch 3");
        assertEquals(3L << 32 | 2, b.key());
        assertNotEquals(new Batch(3, 1, 4).key(), new Batch(2, 1, 4).key());
    }
}
