package dev.spikeforge.device.bridge.server;

import com.google.protobuf.ByteString;
import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.device.bridge.codec.ArtifactBytes;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.LoadChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Reassembles the LoadChunks of one upload and checks them against the last chunk's total_bytes and
 * CRC-32C. A chunk with index 0 always starts a new upload. After a failure the rest of that upload
 * (chunks up to the one marked last) is refused as dropped, so every chunk still gets its one
 * reply.
 */
final class UploadAssembler {
    private final long maxBytes;

    /**
     * The upload's share of the server's memory budget: twice its size (the chunks, then their
     * concatenation).
     */
    private final MemoryBudget.Reservation memory;

    /** Chunks of the upload in progress (null: none); concatenated once, on the last chunk. */
    private List<ByteString> received;

    private long receivedBytes;
    private int nextIndex;
    private boolean discarding;
    private int failedAt;

    UploadAssembler(long maxBytes, MemoryBudget.Reservation memory) {
        this.maxBytes = maxBytes;
        this.memory = memory;
    }

    boolean inProgress() {
        return received != null;
    }

    long receivedBytes() {
        return receivedBytes;
    }

    /**
     * Takes the next chunk. Returns the whole artifact on the last chunk of a good upload, null
     * while more chunks are expected; throws CORRUPT_NETWORK when the upload fails or the chunk
     * belongs to one that already failed.
     */
    byte[] accept(LoadChunk chunk) {
        if (chunk.getIndex() == 0) {
            memory.release();
            received = new ArrayList<>();
            receivedBytes = 0;
            nextIndex = 0;
            discarding = false;
        } else if (received == null) {
            if (discarding) {
                discarding = !chunk.getLast();
                throw new DeviceException(
                        ErrorCode.CORRUPT_NETWORK,
                        "chunk "
                                + Integer.toUnsignedString(chunk.getIndex())
                                + " dropped: this upload already failed at chunk "
                                + failedAt);
            }
            throw fail(
                    chunk,
                    "chunk "
                            + Integer.toUnsignedString(chunk.getIndex())
                            + " arrived with no upload in progress (an upload starts with chunk"
                            + " 0)");
        }
        if (chunk.getIndex() != nextIndex) {
            throw fail(
                    chunk,
                    "chunk "
                            + Integer.toUnsignedString(chunk.getIndex())
                            + " arrived, expected chunk "
                            + nextIndex);
        }
        long declared = chunk.getTotalBytes();
        long size = receivedBytes + chunk.getData().size();
        if (declared > maxBytes || size > maxBytes) {
            throw fail(
                    chunk,
                    "upload of "
                            + Math.max(declared, size)
                            + " bytes exceeds the device's limit of "
                            + maxBytes
                            + " bytes");
        }
        if (declared != 0 && size > declared) {
            throw fail(
                    chunk,
                    size
                            + " bytes received, more than the "
                            + declared
                            + " bytes announced in total_bytes");
        }
        // Reserved before the chunk is kept: for the whole upload as soon as total_bytes announces
        // it.
        long expected = Math.max(declared, size);
        try {
            memory.resize(2 * expected, "an upload of " + expected + " bytes");
        } catch (DeviceException e) {
            throw fail(chunk, e.code(), e.detail());
        }
        received.add(chunk.getData());
        receivedBytes = size;
        nextIndex++;
        if (!chunk.getLast()) return null;
        byte[] bytes = ByteString.copyFrom(received).toByteArray();
        received = null;
        if (declared != bytes.length) {
            throw fail(
                    chunk,
                    "the last chunk says total_bytes "
                            + declared
                            + " but "
                            + bytes.length
                            + " bytes were received");
        }
        int crc = ArtifactBytes.crc32c(bytes);
        if (crc != chunk.getCrc32C()) {
            throw fail(
                    chunk,
                    String.format(
                            "CRC-32C of the received %d bytes is %08x but the last chunk says %08x"
                                    + " (damaged in transit?)",
                            bytes.length, crc, chunk.getCrc32C()));
        }
        return bytes;
    }

    private DeviceException fail(LoadChunk chunk, String problem) {
        return fail(chunk, ErrorCode.CORRUPT_NETWORK, problem);
    }

    private DeviceException fail(LoadChunk chunk, ErrorCode code, String problem) {
        received = null;
        receivedBytes = 0;
        memory.release();
        discarding = !chunk.getLast();
        failedAt = chunk.getIndex();
        return new DeviceException(code, "network upload failed: " + problem);
    }
}
