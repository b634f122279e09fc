package dev.spikeforge.device.bridge.client;

import dev.spikeforge.device.bridge.DeviceConnectionException;
import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Turns the device's answers, and waits for them, into results or the client's exceptions. */
final class Replies {
    private Replies() {}

    static DeviceException error(dev.spikeforge.proto.Error error) {
        return new DeviceException(error.getCode(), error.getMessage());
    }

    static DeviceException unexpected(Frame f, Frame.BodyCase wanted) {
        return new DeviceException(
                ErrorCode.MALFORMED,
                "expected " + wanted + " in reply, the device sent " + f.getBodyCase());
    }

    /**
     * The body {@code get} reads from a reply of kind {@code body}; any other kind is MALFORMED.
     */
    static <T> Function<Frame, T> expect(Frame.BodyCase body, Function<Frame, T> get) {
        return f -> {
            if (f.getBodyCase() != body) throw unexpected(f, body);
            return get.apply(f);
        };
    }

    static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** An error the device answered (not a lost connection, not a request it never ran). */
    static boolean refusedByDevice(Throwable e) {
        Throwable t = unwrap(e);
        return t instanceof DeviceException d
                && !(d instanceof DeviceConnectionException)
                && !d.retryable();
    }

    /** Waits for a reply, throwing what a blocking method of the client throws. */
    static <T> T await(CompletableFuture<T> future, long millis) {
        try {
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceConnectionException("interrupted while waiting for the device", e);
        } catch (TimeoutException e) {
            throw new DeviceConnectionException(
                    "no reply from the device within " + millis + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof DeviceException d) throw d;
            if (cause instanceof TimeoutException) {
                throw new DeviceConnectionException(
                        "no reply from the device within the request timeout", cause);
            }
            throw new DeviceConnectionException("request failed: " + cause, cause);
        }
    }
}
