package dev.spikeforge.trainer.train;

/** The learning rate of each epoch, decided once at the epoch's start. */
public interface EpochSchedule {
    /**
     * @param epoch 1-based epoch number, {@code epochs} in total
     */
    double learningRate(int epoch, int epochs, double baseRate);

    /** Short description recorded in provenance. */
    String describe();

    EpochSchedule CONSTANT =
            new EpochSchedule() {
                @Override
                public double learningRate(int epoch, int epochs, double baseRate) {
                    return baseRate;
                }

                @Override
                public String describe() {
                    return "constant";
                }
            };

    /** Half-cosine from the base rate down to {@code floor × base} at the last epoch. */
    static EpochSchedule cosine(double floor) {
        return new CosineSchedule(floor);
    }
}
