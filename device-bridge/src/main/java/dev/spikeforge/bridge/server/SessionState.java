package dev.spikeforge.bridge.server;

/** Where a session is in the protocol (docs/protocol.md, "Session state machine"). */
public enum SessionState {
    /** Connected; only Hello (or Close) is accepted. */
    AWAIT_HELLO,
    /** Greeted, no network on the device. */
    READY_EMPTY,
    /** Receiving the chunks of a network upload; the previous network is gone. */
    LOADING,
    /** A network is loaded: Reset, InputStep and TelemetryRequest are accepted. */
    LOADED,
    /** Close received or the session failed; nothing more is processed. */
    CLOSED
}
