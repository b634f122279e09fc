package dev.spikeforge.cli.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The engines --engine can name: the built-in local one, and providers found on the class path. */
public final class Engines {
    public static final String LOCAL = "local";

    private Engines() {}

    /** The provider named {@code name} among those on the class path. */
    public static Optional<EngineProvider> provider(String name) {
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class))
            if (p.name().equals(name)) return Optional.of(p);
        return Optional.empty();
    }

    /** Every name --engine takes here. */
    public static List<String> available() {
        List<String> names = new ArrayList<>(List.of(LOCAL));
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) names.add(p.name());
        return names;
    }
}
