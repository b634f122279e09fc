package dev.spikeforge.device.bridge;

/**
 * The device no longer has the session (it restarted, or the session expired while the connection
 * was down), so requests that were in flight may or may not have run. The client has opened a new
 * session and loaded the same network again; the caller restarts its current sample (Reset, then
 * its steps from 0).
 */
public class SessionLostException extends DeviceConnectionException {
    public SessionLostException(String detail, Throwable cause) {
        super(detail, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
