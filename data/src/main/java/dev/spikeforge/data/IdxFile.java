package dev.spikeforge.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reader of the IDX format (MNIST family): unsigned-byte tensors, optionally gzip-compressed. */
public final class IdxFile {
    private IdxFile() {}

    /** An unsigned-byte tensor: {@code dims[0]} items of {@code itemSize} bytes each. */
    public record Tensor(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }

        public int itemSize() {
            int s = 1;
            for (int i = 1; i < dims.length; i++) s *= dims[i];
            return s;
        }
    }

    public static Tensor read(Path file) throws DatasetException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in =
                        file.toString().endsWith(".gz")
                                ? new GZIPInputStream(new BufferedInputStream(raw), 1 << 16)
                                : new BufferedInputStream(raw)) {
            DataInputStream d = new DataInputStream(in);
            int magic = d.readInt();
            int type = (magic >> 8) & 0xff, rank = magic & 0xff;
            if ((magic >>> 16) != 0 || type != 0x08 || rank < 1 || rank > 4) {
                throw new DatasetException(
                        file
                                + ": not an unsigned-byte IDX file (magic 0x"
                                + Integer.toHexString(magic)
                                + ")");
            }
            int[] dims = new int[rank];
            long total = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = d.readInt();
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE)
                throw new DatasetException(file + ": IDX tensor too large (" + total + " bytes)");
            byte[] data = new byte[(int) total];
            d.readFully(data);
            return new Tensor(dims, data);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file", e);
        } catch (EOFException e) {
            throw new DatasetException(
                    file + ": truncated IDX file (ends before its declared size)", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read IDX file: " + e.getMessage(), e);
        }
    }
}
