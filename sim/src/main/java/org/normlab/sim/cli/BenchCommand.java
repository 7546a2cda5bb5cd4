package org.normlab.sim.cli;

import java.util.concurrent.Callable;
import org.normlab.sim.bench.Bench;
import org.normlab.sim.bench.ProbeBench;
import org.normlab.sim.bench.RaceBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code normlab bench}: the speed and memory figures of the README, measured on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times the training step, the Hessian-vector product and memory against a plain-Java "
                + "reference and PyTorch's figures, a race of six optimizers, then the cost of the sharpness and Fisher "
                + "estimates along a run and of the standard probes (about 8 minutes; --quick: about 1 minute).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Fewer repetitions and steps: rougher figures, fast.")
    private boolean quick;

    @Override
    public Integer call() {
        Bench.run(System.out, quick);
        System.out.println();
        RaceBench.run(System.out, quick);
        System.out.println();
        ProbeBench.run(System.out, quick);
        return 0;
    }
}
