package dev.spikeforge.data;

/** A dataset that cannot be found or read; the message names the file and what to do. */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
