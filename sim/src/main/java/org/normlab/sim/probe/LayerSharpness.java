package org.normlab.sim.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.normlab.sim.linalg.BlockOperator;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.linalg.LinearOperator;
import org.normlab.sim.linalg.SampleMean;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;
import org.normlab.sim.series.Quantity;

/**
 * Live per-layer curvature of the loss's Hessian on the probe set (sim/docs/math.md §9), at the curvature cadence:
 * for each Linear layer l the block {@code H_ll} of its parameters — W_l with its bias, or with the γ, β of the
 * BatchNorm after it — its top eigenvalue by Lanczos, warm-started per layer like the sharpness, and its trace; and the
 * whole Hessian's trace with its standard error. All traces come from the same {@value #TRACE_PROBES} Rademacher
 * products: {@code E[z_lᵀ (Hz)_l] = tr(H_ll)}, so the block traces cost nothing beyond the whole one's. Cost per
 * measurement: {@value #TRACE_PROBES} products plus one Lanczos run per layer at the run's tolerance (the blocks'
 * bounds are not recorded; {@code normlab probe} prints them). BatchNorm in the run's curvature mode (the ids carry
 * no {@code _eval}); weight decay and constraints are not in this Hessian. Series {@code hessian.layer_top_eig.layer<l>}, {@code hessian.layer_trace.layer<l>},
 * {@code hessian.trace} and {@code hessian.trace_standard_error}.
 */
public final class LayerSharpness extends ScheduledProbe {
    /** Rademacher products per measurement: a standard error of about a third of the trace's spread. */
    public static final int TRACE_PROBES = 10;

    private final BatchNormMode mode;
    /** One solver per layer: a block's dimension differs from the others' and the whole network's. */
    private final Lanczos[] solvers;
    private final long seed;
    /** Each layer's block [from, to) of the flat parameter vector. */
    private final long[][] blocks;
    private final INDArray[] starts;

    /** @param lanczos whose step limit and tolerance each layer's own solver takes */
    public LayerSharpness(Network network, Schedule schedule, BatchNormMode mode, Lanczos lanczos, long seed) {
        super("layer curvature", schedule);
        this.mode = mode;
        this.seed = seed;
        Params params = network.params();
        List<Long> weightOffsets = new ArrayList<>();
        for (Params.Tensor t : params.tensors()) {
            if (t.role() == Params.Role.WEIGHT) {
                weightOffsets.add(t.offset());
            }
        }
        weightOffsets.add(params.size());
        this.blocks = new long[weightOffsets.size() - 1][];
        for (int l = 0; l < blocks.length; l++) {
            blocks[l] = new long[] {weightOffsets.get(l), weightOffsets.get(l + 1)};
        }
        this.starts = new INDArray[blocks.length];
        this.solvers = new Lanczos[blocks.length];
        for (int l = 0; l < blocks.length; l++) {
            solvers[l] = lanczos.copy();
        }
    }

    @Override
    public List<String> series() {
        List<String> series = new ArrayList<>();
        for (int l = 0; l < blocks.length; l++) {
            series.add(Quantity.LAYER_SHARPNESS.layer(l));
            series.add(Quantity.LAYER_TRACE.layer(l));
        }
        series.add(Quantity.HESSIAN_TRACE.id());
        series.add(Quantity.HESSIAN_TRACE_STANDARD_ERROR.id());
        return series;
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        long step = context.step();
        LinearOperator hessian = Curvature.HESSIAN.of(context.network(), context.probeSet(), mode);
        for (int l = 0; l < blocks.length; l++) {
            LinearOperator block = new BlockOperator(hessian, blocks[l][0], blocks[l][1]);
            long layerSeed = seed + 31L * l ^ step * 0x9E3779B97F4A7C15L;
            EigenEstimate e = starts[l] == null ? solvers[l].largest(block, layerSeed)
                    : solvers[l].largest(block, starts[l], layerSeed);
            if (Double.isFinite(e.value())) {
                starts[l] = e.vector();
            }
            sink.append(Quantity.LAYER_SHARPNESS.layer(l), step, e.value());
        }
        int n = Math.toIntExact(hessian.dimension());
        Random random = new Random(seed ^ step * 0x9E3779B97F4A7C15L);
        double[] whole = new double[TRACE_PROBES];
        double[][] layers = new double[blocks.length][TRACE_PROBES];
        INDArray z = Nd4j.zeros(DataType.DOUBLE, n);
        INDArray hz = Nd4j.zeros(DataType.DOUBLE, n);
        INDArray zHz = Nd4j.zeros(DataType.DOUBLE, n);
        for (int i = 0; i < TRACE_PROBES; i++) {
            for (int k = 0; k < n; k++) {
                z.putScalar(k, random.nextBoolean() ? 1.0 : -1.0);
            }
            hessian.apply(z, hz);
            zHz.assign(z).muli(hz);
            whole[i] = zHz.sumNumber().doubleValue();
            for (int l = 0; l < blocks.length; l++) {
                layers[l][i] = zHz.get(NDArrayIndex.interval(blocks[l][0], blocks[l][1])).sumNumber().doubleValue();
            }
        }
        for (int l = 0; l < blocks.length; l++) {
            sink.append(Quantity.LAYER_TRACE.layer(l), step, SampleMean.of(layers[l]).mean());
        }
        SampleMean trace = SampleMean.of(whole);
        sink.append(Quantity.HESSIAN_TRACE.id(), step, trace.mean());
        sink.append(Quantity.HESSIAN_TRACE_STANDARD_ERROR.id(), step, trace.standardError());
    }
}
