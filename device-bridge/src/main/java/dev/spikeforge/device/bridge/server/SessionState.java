package dev.spikeforge.device.bridge.server;

/** Where a session is in the protocol (docs/protocol.md, "Session state machine"). */
public enum SessionState {
    /**
     * Connected; only Hello (or Close) is accepted. Handled by the connection before a session
     * exists.
     */
    AWAIT_HELLO,
    /** Greeted, no network on the device. */
    READY_EMPTY,
    /** Receiving the chunks of a network upload; the previous network is gone. */
    LOADING,
    /** A network is loaded: Reset, InputStep and TelemetryRequest are accepted. */
    LOADED,
    /** Close received, the session failed or the device shut down; nothing more is processed. */
    CLOSED
}
