package dev.spikeforge.cli.stats;

/** One arm's metric over its seeds. */
public record ArmSummary(String claim, String arm, String metric, Interval interval) {}
