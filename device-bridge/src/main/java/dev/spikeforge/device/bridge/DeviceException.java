package dev.spikeforge.device.bridge;

import dev.spikeforge.proto.ErrorCode;

/**
 * An error the device reported (an Error frame) or, thrown by a chip device, the error to report.
 * The code is the protocol's {@link ErrorCode}; the detail is the device's own explanation.
 */
public class DeviceException extends RuntimeException {
    private final ErrorCode code;
    private final String detail;

    public DeviceException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    public DeviceException(ErrorCode code, String detail, Throwable cause) {
        super(code + ": " + detail, cause);
        this.code = code;
        this.detail = detail;
    }

    public ErrorCode code() {
        return code;
    }

    /** The explanation without the code prefix. */
    public String detail() {
        return detail;
    }

    /**
     * True when the request was not run and running it again (from the start of the sample, on a
     * new session if need be) can succeed: the device was shutting down, or the session was lost.
     */
    public boolean retryable() {
        return code == ErrorCode.SHUTTING_DOWN;
    }
}
