package dev.spikeforge.device.bridge;

import dev.spikeforge.proto.ErrorCode;

/**
 * The connection to the device failed (refused, lost, timed out) rather than the device refusing a
 * request; the caller may reconnect. Its code is {@link ErrorCode#ERROR_UNSPECIFIED} because no
 * device sent it.
 */
public class DeviceConnectionException extends DeviceException {
    public DeviceConnectionException(String detail, Throwable cause) {
        super(ErrorCode.ERROR_UNSPECIFIED, detail, cause);
    }

    public DeviceConnectionException(String detail) {
        this(detail, null);
    }
}
