package dev.spikeforge.nir.convert;

/**
 * One row of an import's conformance table: how faithfully the Spikeforge network holds one NIR
 * node. EXACT: it computes the node's forward-Euler dynamics at the import's dt, parameters rounded
 * to float32 at most (relative 2^-24); APPROXIMATE: a documented deviation, {@code detail} gives
 * its bound; REFUSED: not representable, {@code detail} says why; NOT_CONVERTED: the import stopped
 * before reaching it.
 */
public record Fidelity(String node, String type, Status status, String detail) {
    public enum Status {
        EXACT,
        APPROXIMATE,
        REFUSED,
        NOT_CONVERTED
    }

    static Fidelity exact(GraphNode n, String detail) {
        return new Fidelity(n.path(), n.type(), Status.EXACT, detail);
    }
}
