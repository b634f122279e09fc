package dev.spikeforge.device.bridge.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits the byte stream into frames at their length prefixes, protobuf varint32s of 1 to 5 bytes
 * read as the unsigned numbers they are (docs/protocol.md §1): a length above the limit, 0xFFFFFFFF
 * included, is {@link TooLongFrameException} (FRAME_TOO_LARGE) before any of the frame is read, and
 * a prefix longer than 5 bytes is {@link CorruptedFrameException} (MALFORMED). After either, the
 * rest of the stream is discarded unread: it can no longer be trusted.
 */
final class LengthPrefixDecoder extends ByteToMessageDecoder {
    private static final int MAX_PREFIX_BYTES = 5;
    private final int maxFrameBytes;
    private boolean failed;

    LengthPrefixDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        in.markReaderIndex();
        long length = 0;
        for (int i = 0; ; i++) {
            if (!in.isReadable()) {
                in.resetReaderIndex();
                return;
            }
            if (i == MAX_PREFIX_BYTES) {
                failed = true;
                throw new CorruptedFrameException(
                        "length prefix longer than " + MAX_PREFIX_BYTES + " bytes");
            }
            byte b = in.readByte();
            length |= (long) (b & 0x7F) << (7 * i);
            if (b >= 0) break;
        }
        if (length > maxFrameBytes) {
            failed = true;
            throw new TooLongFrameException(
                    "the length prefix announces "
                            + length
                            + " bytes, more than the limit of "
                            + maxFrameBytes
                            + " bytes");
        }
        if (in.readableBytes() < length) {
            in.resetReaderIndex();
            return;
        }
        out.add(in.readRetainedSlice((int) length));
    }
}
