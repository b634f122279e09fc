package dev.spikeforge.trainer.checkpoint;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.spikeforge.proto.TrainingCheckpoint;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads and writes checkpoint files: the artifact files' layout (4 magic bytes "SFCK", uint16
 * format version, uint16 reserved, uint64 payload length, uint32 CRC-32C, little-endian) around a
 * {@link TrainingCheckpoint}. Writes are atomic (temporary file, then rename), so a run killed
 * while writing keeps its previous checkpoint.
 */
public final class CheckpointFile {
    /**
     * Defined beside the artifact formats, so an artifact reader handed a checkpoint can say what
     * it is.
     */
    public static final byte[] MAGIC = dev.spikeforge.proto.artifact.KnownFiles.CHECKPOINT_MAGIC;

    public static final int VERSION = 1;
    private static final int HEADER = 20;

    private CheckpointFile() {}

    public static void write(Path file, TrainingCheckpoint checkpoint) {
        byte[] payload = checkpoint.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC)
                .putShort((short) VERSION)
                .putShort((short) 0)
                .putLong(payload.length)
                .putInt((int) crc.getValue())
                .put(payload);
        ArtifactFiles.writeAtomically(file, b.array());
    }

    public static TrainingCheckpoint read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(
                    file,
                    "no checkpoint here. Point --resume at the run directory of a run that "
                            + "finished at least one epoch (it holds checkpoint.sfck).",
                    e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        }
        String restart = " Delete it and train again without --resume.";
        if (bytes.length < HEADER
                || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, 4), MAGIC)) {
            throw new CheckpointException(
                    file,
                    "corrupt checkpoint: not a Spikeforge checkpoint ("
                            + bytes.length
                            + " bytes, expected the SFCK header)."
                            + restart);
        }
        ByteBuffer h = ByteBuffer.wrap(bytes, 4, HEADER - 4).order(ByteOrder.LITTLE_ENDIAN);
        int version = Short.toUnsignedInt(h.getShort());
        h.getShort();
        long length = h.getLong();
        int crc = h.getInt();
        if (version != VERSION) {
            throw new CheckpointException(
                    file,
                    "checkpoint format version "
                            + version
                            + ", this Spikeforge reads "
                            + VERSION
                            + "."
                            + restart);
        }
        if (length != bytes.length - HEADER) {
            throw new CheckpointException(
                    file,
                    "corrupt checkpoint: the header promises "
                            + length
                            + " payload bytes, the file holds "
                            + (bytes.length - HEADER)
                            + "."
                            + restart);
        }
        CRC32C check = new CRC32C();
        check.update(bytes, HEADER, (int) length);
        if ((int) check.getValue() != crc) {
            throw new CheckpointException(
                    file,
                    "corrupt checkpoint: the payload's checksum does not match its header."
                            + restart);
        }
        try {
            return TrainingCheckpoint.parseFrom(ByteBuffer.wrap(bytes, HEADER, (int) length));
        } catch (InvalidProtocolBufferException e) {
            throw new CheckpointException(
                    file, "corrupt checkpoint: " + e.getMessage() + "." + restart, e);
        }
    }
}
