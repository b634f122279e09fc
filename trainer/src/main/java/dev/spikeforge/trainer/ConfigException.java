package dev.spikeforge.trainer;

/**
 * A training setting that cannot work, or that does not fit the data. {@link #setting()} names the
 * setting (as in {@link TrainingConfig#hyperparameters()}, e.g. "steps"), so a front end can point
 * at its own flag.
 */
public class ConfigException extends IllegalArgumentException {
    private final String setting;

    public ConfigException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    /** The message without the leading "setting: ". */
    public String problem() {
        return getMessage().substring(setting.length() + 2);
    }
}
