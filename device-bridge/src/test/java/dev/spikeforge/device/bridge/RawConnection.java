package dev.spikeforge.device.bridge;

import dev.spikeforge.proto.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A bare TCP peer for protocol tests, independent of the Netty codec: protobuf's own delimited
 * format is exactly the wire framing (varint32 length, then the Frame), so frames can be written
 * and read with plain java.net.
 */
public final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private long seq;

    public RawConnection(InetSocketAddress at) throws IOException {
        this(new Socket(at.getAddress(), at.getPort()));
    }

    /** Over an already connected socket (e.g. a TLS one). */
    public RawConnection(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The seq the next {@link #send} uses is {@code next}. */
    public void nextSeq(long next) {
        seq = next - 1;
    }

    /** Sends the frame with the next seq; returns that seq. */
    public long send(Frame.Builder frame) throws IOException {
        return sendWithSeq(frame, ++seq);
    }

    public long sendWithSeq(Frame.Builder frame, long s) throws IOException {
        frame.setSeq(s).build().writeDelimitedTo(out);
        out.flush();
        return s;
    }

    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame; fails the test if the connection ends first. */
    public Frame read() throws IOException {
        Frame f = Frame.parseDelimitedFrom(in);
        if (f == null) throw new AssertionError("connection closed while a frame was expected");
        return f;
    }

    public Socket socket() {
        return socket;
    }

    /** Sends a frame and reads the reply. */
    public Frame call(Frame.Builder frame) throws IOException {
        return readAfter(send(frame));
    }

    /** Reads the reply to the frame sent with seq {@code s}. */
    public Frame readAfter(long s) throws IOException {
        Frame reply = read();
        if (reply.getAck() != s)
            throw new AssertionError(
                    "reply acks " + reply.getAck() + ", expected " + s + ": " + reply);
        return reply;
    }

    /** True when the server closed the connection (end of stream) before the timeout. */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server also means closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
