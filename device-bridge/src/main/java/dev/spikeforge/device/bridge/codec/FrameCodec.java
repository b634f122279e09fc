package dev.spikeforge.device.bridge.codec;

import dev.spikeforge.proto.Frame;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;

/**
 * The wire framing, the same on both ends: each {@link Frame} is prefixed with its length as a
 * protobuf varint32. A length over the limit is not read: the decoder raises a
 * TooLongFrameException for the handler behind it to answer with FRAME_TOO_LARGE (see {@link
 * LengthPrefixDecoder}).
 */
public final class FrameCodec {
    public static final String FRAME_DECODER = "frameDecoder";
    public static final String PROTOBUF_DECODER = "protobufDecoder";
    public static final String LENGTH_PREPENDER = "lengthPrepender";
    public static final String PROTOBUF_ENCODER = "protobufEncoder";

    private FrameCodec() {}

    /**
     * Adds the decoders and encoders at the end of the pipeline; the frame handler goes after them.
     */
    public static void install(ChannelPipeline pipeline, int maxFrameBytes) {
        pipeline.addLast(FRAME_DECODER, new LengthPrefixDecoder(maxFrameBytes));
        pipeline.addLast(PROTOBUF_DECODER, new ProtobufDecoder(Frame.getDefaultInstance()));
        // Outbound handlers run tail to head: the encoder turns the Frame into bytes, then the
        // prepender adds the length.
        pipeline.addLast(LENGTH_PREPENDER, new ProtobufVarint32LengthFieldPrepender());
        pipeline.addLast(PROTOBUF_ENCODER, new ProtobufEncoder());
    }
}
