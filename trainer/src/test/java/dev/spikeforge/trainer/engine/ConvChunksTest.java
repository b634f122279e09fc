package dev.spikeforge.trainer.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.trainer.network.ConvShape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cutting the images into chunks, and dealing the chunks to parts on several threads, changes
 * nothing but the order in which dW sums the chunks.
 */
class ConvChunksTest {

    @BeforeAll
    static void nd4j() {
        Nd4jRuntime.configure(2);
    }

    @Test
    void chunksGiveWhatOneChunkGives() {
        KernelThreads.configure(3);
        try {
            compareChunkings();
        } finally {
            KernelThreads.configure(2);
        }
    }

    private static void compareChunkings() {
        // padded stride 1; padded stride 2; stride 2 without padding that skips the last row and
        // column; kernel 5
        // with padding 1 (windows partly outside on one side only)
        for (ConvShape s :
                new ConvShape[] {
                    new ConvShape(3, 7, 7, 4, 3, 1, 1, 1),
                    new ConvShape(2, 9, 9, 3, 3, 1, 2, 1),
                    new ConvShape(2, 8, 8, 3, 3, 0, 2, 1),
                    new ConvShape(2, 8, 6, 2, 5, 1, 1, 1)
                }) {
            int images = 11; // 4 chunks of 3 and a last one of 2
            INDArray w = Nd4j.rand(DataType.DOUBLE, s.outChannels(), s.fanIn()).subi(0.5);
            INDArray in = Nd4j.rand(DataType.DOUBLE, images, s.inputSize()),
                    g = Nd4j.rand(DataType.DOUBLE, images, s.neurons()).subi(0.5);
            long perImage = (long) s.fanIn() * s.outHeight() * s.outWidth();
            ConvChunks one = new ConvChunks(s, w, images, Long.MAX_VALUE, 1),
                    cut = new ConvChunks(s, w, images, 3 * perImage + 1, 3);
            assertEquals(1, one.chunks());
            assertEquals(4, cut.chunks());
            INDArray outOne = Nd4j.create(DataType.DOUBLE, images, s.neurons()),
                    outCut = outOne.dup();
            one.forward(in, outOne);
            cut.forward(in, outCut);
            assertEquals(outOne, outCut, "the drive, exactly");
            INDArray
                    dwOne =
                            Nd4j.create(
                                    DataType.DOUBLE,
                                    s.outChannels(),
                                    s.inChannels(),
                                    s.kernel(),
                                    s.kernel()),
                    dwCut = dwOne.dup();
            INDArray dxOne = Nd4j.ones(DataType.DOUBLE, images, s.inputSize()), dxCut = dxOne.dup();
            one.backward(g, dwOne, dxOne);
            cut.backward(g, dwCut, dxCut);
            assertEquals(dxOne, dxCut, "the input gradient, added to what was there, exactly");
            assertTrue(
                    dwOne.equalsWithEps(dwCut, 1e-12),
                    "the weight gradient, up to the summation order");

            // float: the same chunks with the layout work in Java (ConvPlanes), against the double
            // result
            ConvChunks single =
                    new ConvChunks(s, w.castTo(DataType.FLOAT), images, 3 * perImage + 1, 3);
            INDArray outF = Nd4j.create(DataType.FLOAT, images, s.neurons());
            single.forward(in.castTo(DataType.FLOAT), outF);
            assertTrue(outF.equalsWithEps(outOne.castTo(DataType.FLOAT), 1e-5), "float drive");
            INDArray dwF =
                    Nd4j.create(
                            DataType.FLOAT,
                            s.outChannels(),
                            s.inChannels(),
                            s.kernel(),
                            s.kernel());
            INDArray dxF = Nd4j.ones(DataType.FLOAT, images, s.inputSize());
            single.backward(g.castTo(DataType.FLOAT), dwF, dxF);
            assertTrue(
                    dxF.equalsWithEps(dxOne.castTo(DataType.FLOAT), 1e-5), "float input gradient");
            assertTrue(
                    dwF.equalsWithEps(dwOne.castTo(DataType.FLOAT), 1e-4), "float weight gradient");
        }
    }
}
