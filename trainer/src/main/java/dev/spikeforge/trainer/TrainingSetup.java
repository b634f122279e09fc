package dev.spikeforge.trainer;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.Gradients;
import dev.spikeforge.trainer.engine.Nd4jRuntime;
import dev.spikeforge.trainer.input.BatchEncoder;
import dev.spikeforge.trainer.input.SampleEncoders;
import dev.spikeforge.trainer.network.InputGeometry;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.network.NetworkFactory;
import dev.spikeforge.trainer.optim.Adam;
import dev.spikeforge.trainer.optim.GradientClipper;
import dev.spikeforge.trainer.optim.Optimizer;
import dev.spikeforge.trainer.optim.Parameter;
import dev.spikeforge.trainer.stability.StableInit;
import dev.spikeforge.trainer.stability.StableSetup;
import dev.spikeforge.trainer.train.Seeds;
import dev.spikeforge.trainer.train.TrainableParameters;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a configuration trains with, freshly initialised: input encoding, network, batch workspace,
 * gradients, optimizer and clipper, and the stable-init plan when one chose the initial weights.
 *
 * @param stable the stable-init plan, or null
 * @param clipper null for no clipping
 */
record TrainingSetup(
        InputGeometry geometry,
        InputSpec input,
        BatchEncoder encoder,
        StableSetup stable,
        LifNetwork net,
        BatchWorkspace ws,
        Gradients grads,
        List<Parameter> params,
        Optimizer optimizer,
        GradientClipper clipper) {

    static TrainingSetup create(TrainingConfig c, LabeledImages trainSet) {
        InputGeometry geometry =
                new InputGeometry(
                        1,
                        trainSet.rows(),
                        trainSet.cols(),
                        c.input().kind() == Encoding.SEQUENTIAL);
        InputSpec input =
                InputSpec.newBuilder()
                        .addShape(1)
                        .addShape(trainSet.rows())
                        .addShape(trainSet.cols())
                        .setEncoding(c.input().kind())
                        .setSteps(c.steps())
                        .setEncodingSeed(c.effectiveEncodingSeed())
                        .setGain(c.gain())
                        .setLatencyCutoff(c.input().latencyCutoff())
                        .build();
        BatchEncoder encoder =
                new BatchEncoder(
                        SampleEncoders.create(
                                c.input().kind(),
                                c.steps(),
                                c.gain(),
                                c.input().latencyCutoff(),
                                Seeds.mix(c.seed(), Seeds.TRAIN_ENCODING),
                                trainSet.rows(),
                                trainSet.cols()),
                        trainSet.features(),
                        c.threads(),
                        c.augmentation(),
                        Seeds.mix(c.seed(), Seeds.AUGMENTATION));
        Nd4jRuntime.configure(c.threads(), encoder.background());
        // --init stable: a plan made from the training data draws the weights, sets each layer's
        // surrogate, tunes biases.
        StableSetup stable =
                c.initializer() instanceof StableInit s
                        ? StableSetup.plan(
                                s, c, geometry, trainSet, encoder, Seeds.mix(c.seed(), Seeds.INIT))
                        : null;
        LifNetwork net =
                NetworkFactory.create(
                        geometry,
                        c.layers(),
                        trainSet.classes(),
                        c.neuron(),
                        c.loss().score(),
                        stable != null ? stable.initializer() : c.initializer(),
                        Seeds.mix(c.seed(), Seeds.INIT),
                        DataType.FLOAT);
        int batch = Math.min(c.batch(), trainSet.size());
        BatchWorkspace ws =
                new BatchWorkspace(
                        net, c.steps(), batch, encoder.encoder().constant(), c.dropout() > 0);
        Gradients grads = new Gradients(net);
        List<Parameter> params = TrainableParameters.of(net, grads);
        Optimizer optimizer =
                new Adam(
                        params,
                        c.optimizer().beta1(),
                        c.optimizer().beta2(),
                        c.optimizer().epsilon(),
                        c.optimizer().weightDecay());
        GradientClipper clipper =
                c.optimizer().clipNorm() > 0
                        ? new GradientClipper(params, c.optimizer().clipNorm())
                        : null;
        return new TrainingSetup(
                geometry, input, encoder, stable, net, ws, grads, params, optimizer, clipper);
    }
}
