package dev.spikeforge.device.bridge.codec;

import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.proto.ErrorCode;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;

/** Maps exceptions raised in the pipeline to the protocol's error codes. */
public final class TransportErrors {
    private TransportErrors() {}

    public static DeviceException classify(Throwable t) {
        if (t instanceof DeviceException d) return d;
        if (t instanceof TooLongFrameException) {
            return new DeviceException(
                    ErrorCode.FRAME_TOO_LARGE, "frame too large: " + t.getMessage(), t);
        }
        if (t instanceof CorruptedFrameException) {
            return new DeviceException(
                    ErrorCode.MALFORMED, "bad frame length prefix (" + t.getMessage() + ")", t);
        }
        if (t instanceof DecoderException) {
            Throwable cause = t.getCause() != null ? t.getCause() : t;
            return new DeviceException(
                    ErrorCode.MALFORMED,
                    "frame is not a valid Frame message (" + cause.getMessage() + ")",
                    t);
        }
        return new DeviceException(
                ErrorCode.INTERNAL, t.getClass().getSimpleName() + ": " + t.getMessage(), t);
    }
}
