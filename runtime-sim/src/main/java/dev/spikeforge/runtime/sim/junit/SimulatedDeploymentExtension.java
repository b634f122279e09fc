package dev.spikeforge.runtime.sim.junit;

import dev.spikeforge.runtime.sim.chip.EmulatedChip;
import dev.spikeforge.runtime.sim.chip.NetworkFiles;
import dev.spikeforge.runtime.sim.engine.SimOptions;
import dev.spikeforge.runtime.sim.probe.Probe;
import dev.spikeforge.runtime.sim.probe.Signal;
import java.lang.reflect.Field;
import java.util.EnumSet;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContextException;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link SimulatedDeployment} parameters and fields to emulated chips; each chip lives for
 * one test and is closed after it. Registered by the annotation itself, so a test needs nothing
 * else.
 */
public final class SimulatedDeploymentExtension implements ParameterResolver, BeforeEachCallback {
    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(SimulatedDeploymentExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.isAnnotated(SimulatedDeployment.class);
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        if (p.getParameter().getType() != EmulatedChip.class) {
            throw new ParameterResolutionException(
                    "@SimulatedDeployment goes on an EmulatedChip parameter, not "
                            + p.getParameter().getType().getSimpleName()
                            + " "
                            + p.getParameter().getName());
        }
        SimulatedDeployment d = p.findAnnotation(SimulatedDeployment.class).orElseThrow();
        return chip(d, c);
    }

    @Override
    public void beforeEach(ExtensionContext c) throws IllegalAccessException {
        for (Object instance : c.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> k = instance.getClass();
                    k != null && k != Object.class;
                    k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    SimulatedDeployment d = f.getAnnotation(SimulatedDeployment.class);
                    if (d == null) continue;
                    if (f.getType() != EmulatedChip.class) {
                        throw new ExtensionContextException(
                                "@SimulatedDeployment goes on an EmulatedChip field, not "
                                        + f.getType().getSimpleName()
                                        + " "
                                        + f.getName());
                    }
                    f.setAccessible(true);
                    f.set(instance, chip(d, c));
                }
            }
        }
    }

    private static EmulatedChip chip(SimulatedDeployment d, ExtensionContext c) {
        ClassLoader loader = c.getRequiredTestClass().getClassLoader();
        EmulatedChip chip;
        try {
            chip =
                    EmulatedChip.of(
                            NetworkFiles.load(d.value(), loader),
                            SimOptions.DEFAULT.withThreads(d.threads()));
            EnumSet<Signal> signals = Signal.parseList(d.record());
            for (String spec : d.probes()) chip.record(Probe.parse(spec, signals));
            if (Signal.wantsActivity(d.record())) chip.recordActivity();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(
                    "@SimulatedDeployment(\"" + d.value() + "\"): " + e.getMessage(), e);
        }
        c.getStore(NS).put(new Object(), (ExtensionContext.Store.CloseableResource) chip::close);
        return chip;
    }
}
