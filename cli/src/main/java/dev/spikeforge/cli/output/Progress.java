package dev.spikeforge.cli.output;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr, so stdout keeps only the summary and the JSON line. */
public final class Progress {
    private Progress() {}

    /**
     * Redrawn in place 4 times a second on a terminal; into a log (no console) one line every 10 s
     * instead.
     */
    public static ProgressBar bar(String task, long total) {
        ProgressBarBuilder b =
                new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII);
        if (System.console() == null) {
            return b.setConsumer(new DelegatingProgressBarConsumer(System.err::println))
                    .setUpdateIntervalMillis(10_000)
                    .build();
        }
        return b.setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .build();
    }
}
