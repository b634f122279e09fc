/** Training and float evaluation of spiking networks: {@link dev.spikeforge.trainer.Trainer}, {@link dev.spikeforge.trainer.TrainingConfig} and {@link dev.spikeforge.trainer.FloatEvaluator} are the entry points; the subpackages are their parts. */
package dev.spikeforge.trainer;
