package org.normlab.sim.cli;

import java.util.concurrent.Callable;
import org.normlab.sim.bench.Bench;
import org.normlab.sim.bench.MnistRaceBench;
import org.normlab.sim.bench.PeerBench;
import org.normlab.sim.bench.ProbeBench;
import org.normlab.sim.bench.RaceBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code normlab bench}: the speed and memory figures of the README, measured on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times the training step, the Hessian-vector product and memory against a plain-Java "
                + "reference and PyTorch's figures, a race of six optimizers, then the cost of the sharpness and Fisher "
                + "estimates along a run and of the standard probes, and a three-run MNIST race (784-256-256-10) with its "
                + "preset's probes against the same race training only (about 11 minutes; --quick: about 2 minutes).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--only-mnist-race", description = "Only the MNIST race (issue 15): about 3 minutes.")
    private boolean onlyMnistRace;

    @Option(names = "--peer", description = "Only NormLab beside the PyTorch peer (sim/scripts/pytorch-peer.py) "
            + "on one checkpoint of a short spirals race: step, Hessian-vector product, λ_max, trace, density; "
            + "skipped with a message when python3 or torch is missing. About 2 minutes.")
    private boolean peer;

    /** The peer's script is found beside it. */
    @Mixin
    private AssetsFolder assets;

    @Option(names = "--quick", description = "Fewer repetitions and steps: rougher figures, fast.")
    private boolean quick;

    @Override
    public Integer call() throws Exception {
        if (peer) {
            return PeerBench.run(System.out, assets.folder(), quick);
        }
        if (onlyMnistRace) {
            MnistRaceBench.run(System.out, quick);
            return 0;
        }
        Bench.run(System.out, quick);
        System.out.println();
        RaceBench.run(System.out, quick);
        System.out.println();
        ProbeBench.run(System.out, quick);
        System.out.println();
        MnistRaceBench.run(System.out, quick);
        return 0;
    }
}
