package org.normlab.sim.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.model.Params;
import org.normlab.sim.optim.DecayMask;
import org.normlab.sim.optim.InputPower;
import org.normlab.sim.optim.LayerInputs;
import org.normlab.sim.optim.Optimizers;
import org.normlab.sim.optim.PeriodicSampling;
import org.normlab.sim.optim.Transform;
import org.normlab.sim.probe.StepRule;

/**
 * An optimizer as an experiment file gives it, e.g. {@code {"name": "psi_sgd", "momentum": 0.9, "decay": "all"}}:
 * one record per recipe of {@link Optimizers}, chosen by Jackson on {@code name}. A record holds the recipe's
 * structural options and its own hyperparameters (by the names of the built transform's
 * {@link org.normlab.sim.optim.Hyperparameters}); a value not given is filled in with its default by the
 * constructor, and the record checks itself by building its chain, so a file, a scheduled change and a live command
 * are held to the same ranges (the stages' domains and rules).
 *
 * <p>Every value is resolved on reading, except those the run fills in: PSI-SGD's learning rate, unless given, is
 * matched to {@code sgdLearningRate} ({@link Optimizers#psiLearningRate}); a sampling {@code period}, unless given,
 * is one epoch. INSGD's {@code powerBeta}, unless given, is its momentum. Wrappers (MimicNorm, PSWA, PWALKS, PSWM)
 * hold their inner optimizer in {@code inner}; its hyperparameters are addressed by name like the wrapper's own.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "name")
@JsonSubTypes({
    @JsonSubTypes.Type(value = OptimizerSetup.Sgd.class, name = "sgd"),
    @JsonSubTypes.Type(value = OptimizerSetup.Momentum.class, name = "momentum"),
    @JsonSubTypes.Type(value = OptimizerSetup.Nesterov.class, name = "nesterov"),
    @JsonSubTypes.Type(value = OptimizerSetup.SgdWd.class, name = "sgd_wd"),
    @JsonSubTypes.Type(value = OptimizerSetup.Adam.class, name = "adam"),
    @JsonSubTypes.Type(value = OptimizerSetup.AdamW.class, name = "adamw"),
    @JsonSubTypes.Type(value = OptimizerSetup.PsiSgd.class, name = "psi_sgd"),
    @JsonSubTypes.Type(value = OptimizerSetup.Wrs.class, name = "wrs"),
    @JsonSubTypes.Type(value = OptimizerSetup.Insgd.class, name = "insgd"),
    @JsonSubTypes.Type(value = OptimizerSetup.Lars.class, name = "lars"),
    @JsonSubTypes.Type(value = OptimizerSetup.MimicNorm.class, name = "mimic_norm"),
    @JsonSubTypes.Type(value = OptimizerSetup.Pswa.class, name = "pswa"),
    @JsonSubTypes.Type(value = OptimizerSetup.Pwalks.class, name = "pwalks"),
    @JsonSubTypes.Type(value = OptimizerSetup.Pswm.class, name = "pswm")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface OptimizerSetup {

    /** The recipes, in the lab's order; each word is its record's type id in {@code @JsonSubTypes}. */
    enum Recipe {
        SGD(StepRule.Kind.GD, 0), MOMENTUM(StepRule.Kind.HEAVY_BALL, 1), NESTEROV(StepRule.Kind.NESTEROV, 1),
        SGD_WD(StepRule.Kind.HEAVY_BALL, 2), ADAM(StepRule.Kind.ADAM, 4), ADAMW(StepRule.Kind.ADAM, 5),
        PSI_SGD(StepRule.Kind.SCALED, 4), WRS(StepRule.Kind.HEAVY_BALL, 4), INSGD(StepRule.Kind.SCALED, 2),
        LARS(StepRule.Kind.NONE, 2), MIMIC_NORM(null, 2), PSWA(StepRule.Kind.NONE, 1), PWALKS(StepRule.Kind.NONE, 1),
        PSWM(StepRule.Kind.NONE, 1);

        private final StepRule.Kind stepKind;
        private final int stateVectors;

        /** @param stepKind see {@link OptimizerSetup#stepKind}, null where the inner optimizer decides it */
        Recipe(StepRule.Kind stepKind, int stateVectors) {
            this.stepKind = stepKind;
            this.stateVectors = stateVectors;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether this recipe wraps an inner optimizer (then it takes no learning rate of its own). */
        public boolean wraps() {
            return this == MIMIC_NORM || this == PSWA || this == PWALKS || this == PSWM;
        }
    }

    /**
     * What building the optimizer needs from its run: the network (INSGD reads its Linear inputs, PSI-SGD its initial
     * rows), the steps per epoch (the sampling period's default) and the BatchNorm re-estimation over a number of
     * batches after a periodic-sampling replacement.
     */
    record Binding(Network network, int batchesPerEpoch, IntConsumer reestimate) {
        /**
         * For checking values only: the transform built with it must never step. The epoch is unknown until the
         * data is, so a period that defaults to it holds any sampling here; the run checks again with its own.
         */
        static final Binding NONE = new Binding(null, Integer.MAX_VALUE, batches -> { });
    }

    /** This record's recipe. */
    @JsonIgnore
    Recipe recipe();

    /** The recipe's own hyperparameters by name (a wrapper's without its inner optimizer's), in chain order. */
    @JsonIgnore
    Map<String, Double> ownHyperparameters();

    /** The recipe's chain at its stages' defaults; {@link #transform} sets this setup's values. */
    Transform chain(Binding binding);

    /**
     * The family of this optimizer's step, which decides the stability threshold drawn beside its sharpness
     * ({@link StepRule}): SGD is gradient descent; momentum, SGD + weight decay and WRS heavy ball (μ may be 0; WRS's
     * unit rows enter through the curvature on their tangent space); Nesterov its own; Adam and AdamW Adam's; PSI-SGD
     * and INSGD scale the gradient by a diagonal. MimicNorm takes its inner optimizer's threshold (measured on the
     * zero-mean rows), except around Adam, whose per-entry preconditioner does not commute with the centring: no
     * threshold is symmetric there. Periodic sampling has none: its period-end average damps exactly the oscillating
     * direction that crosses the inner step's threshold, so the wrapped iteration stays bounded past it. LARS has none:
     * its step's length is set by ‖w‖, not by η times the curvature.
     */
    default StepRule.Kind stepKind() {
        return recipe().stepKind;
    }

    /**
     * An upper bound on this optimizer's own state in vectors of the parameter dimension, its inner optimizer's not
     * included ({@link MemoryEstimate}): momentum's trace, Adam's moments and work vectors, a decay mask's saved
     * values, a row projection's copies of the weights, a periodic sampler's average.
     */
    default int stateVectors() {
        return recipe().stateVectors;
    }

    /** The tensors this optimizer's {@code weightDecay} applies to: none unless it decays. */
    default Predicate<Params.Tensor> decayed() {
        return t -> false;
    }

    /** The inner optimizer of a wrapper. */
    default Optional<OptimizerSetup> inner() {
        return Optional.empty();
    }

    /** The network normalization this optimizer needs, if any: BatchNorm rows for PSI-SGD and WRS, MimicNorm's. */
    default Optional<Normalization> requiredNormalization() {
        return inner().flatMap(OptimizerSetup::requiredNormalization);
    }

    /** Plain SGD with learning rate η. */
    static OptimizerSetup sgd(double learningRate) {
        return new Sgd(learningRate);
    }

    /**
     * Reads {@code {"name": …, option or hyperparameter: value, …}}, filling in defaults.
     *
     * @throws IllegalArgumentException naming the field (relative to this object) and what is allowed there
     */
    static OptimizerSetup fromJson(JsonNode json) {
        try {
            return Json.mapper().treeToValue(json, OptimizerSetup.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(ExperimentFile.describe(e), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** The recipe's word, e.g. {@code pswa(psi_sgd)}. */
    default String label() {
        return recipe().word() + inner().map(i -> "(" + i.label() + ")").orElse("");
    }

    /** The rule of this optimizer's step at its current hyperparameter values {@code values} (by name). */
    default StepRule stepRule(Map<String, Double> values) {
        StepRule.Kind kind = stepKind();
        double eta = values.get(LEARNING_RATE);
        double momentum = kind == StepRule.Kind.ADAM ? values.get("beta1") : values.getOrDefault("momentum", 0.0);
        return new StepRule(kind, eta, kind == StepRule.Kind.GD ? 0 : momentum,
                kind == StepRule.Kind.ADAM ? values.get("epsilon") : 0, values.getOrDefault("weightDecay", 0.0));
    }

    /** 1 on the entries of layout {@code params} that this optimizer's {@code weightDecay} applies to, 0 elsewhere. */
    default INDArray decayMask(Params params) {
        INDArray mask = params.zeros();
        Predicate<Params.Tensor> decayed = decayed();
        for (Params.Tensor t : params.tensors()) {
            if (decayed.test(t)) {
                params.view(mask, t).assign(1);
            }
        }
        return mask;
    }

    /** A fresh transform for one run, with this setup's hyperparameters. */
    default Transform transform(Binding binding) {
        Transform t = chain(binding);
        t.hyperparameters().setAll(ownHyperparameters());
        return t;
    }

    /** The name of the step size η, which every recipe that does not wrap another has. */
    String LEARNING_RATE = "learningRate";

    /** {@code value}, or {@code fallback} where the file left it out. */
    private static double given(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    /** Name → value in the order given (pairs), leaving out nulls: the values a run fills in itself. */
    private static Map<String, Double> values(Object... pairs) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                values.put((String) pairs[i], (Double) pairs[i + 1]);
            }
        }
        return values;
    }

    /** Checks a setup's values against its stages' domains and rules by building it for no run. */
    private static void check(OptimizerSetup setup) {
        setup.transform(Binding.NONE);
    }

    /** Plain SGD: {@code θ ← θ − ηg}. */
    record Sgd(Double learningRate) implements OptimizerSetup {
        public Sgd(Double learningRate) {
            this.learningRate = given(learningRate, Optimizers.DEFAULT_SGD_LEARNING_RATE);
            check(this);
        }

        public Recipe recipe() {
            return Recipe.SGD;
        }

        public Map<String, Double> ownHyperparameters() {
            return values(LEARNING_RATE, learningRate);
        }

        public Transform chain(Binding binding) {
            return Optimizers.sgd(learningRate);
        }
    }

    /** Heavy-ball momentum. */
    record Momentum(Double learningRate, Double momentum) implements OptimizerSetup {
        public Momentum(Double learningRate, Double momentum) {
            this.learningRate = given(learningRate, Optimizers.DEFAULT_SGD_LEARNING_RATE);
            this.momentum = given(momentum, Optimizers.DEFAULT_MOMENTUM);
            check(this);
        }

        public Recipe recipe() {
            return Recipe.MOMENTUM;
        }

        public Map<String, Double> ownHyperparameters() {
            return values("momentum", momentum, LEARNING_RATE, learningRate);
        }

        public Transform chain(Binding binding) {
            return Optimizers.momentum(learningRate);
        }
    }

    /** Nesterov momentum. */
    record Nesterov(Double learningRate, Double momentum) implements OptimizerSetup {
        public Nesterov(Double learningRate, Double momentum) {
            this.learningRate = given(learningRate, Optimizers.DEFAULT_SGD_LEARNING_RATE);
            this.momentum = given(momentum, Optimizers.DEFAULT_MOMENTUM);
            check(this);
        }

        public Recipe recipe() {
            return Recipe.NESTEROV;
        }

        public Map<String, Double> ownHyperparameters() {
            return values("momentum", momentum, LEARNING_RATE, learningRate);
        }

        public Transform chain(Binding binding) {
            return Optimizers.nesterov(learningRate);
        }
    }

    /** SGD with coupled L2 weight decay on the {@code decay} tensors, then momentum. */
    record SgdWd(DecayMask decay, Double weightDecay, Double momentum, Double learningRate)
            implements OptimizerSetup {
        public SgdWd(DecayMask decay, Double weightDecay, Double momentum, Double learningRate) {
            this.decay = Objects.requireNonNullElse(decay, DecayMask.WEIGHTS);
            this.weightDecay = given(weightDecay, Optimizers.DEFAULT_WEIGHT_DECAY);
            this.momentum = given(momentum, Optimizers.NO_MOMENTUM);
            this.learningRate = given(learningRate, Optimizers.DEFAULT_SGD_LEARNING_RATE);
            check(this);
        }

        public Recipe recipe() {
            return Recipe.SGD_WD;
        }

        public Map<String, Double> ownHyperparameters() {
            return values("weightDecay", weightDecay, "momentum", momentum, LEARNING_RATE, learningRate);
        }

        public Transform chain(Binding binding) {
            return Optimizers.sgdWeightDecay(learningRate, decay);
        }

        public Predicate<Params.Tensor> decayed() {
            return decay;
        }
    }

    /** Adam with bias correction. */
    record Adam(Double learningRate, Double beta1, Double beta2, Double epsilon) implements OptimizerSetup {
        public Adam(Double learningRate, Double beta1, Double beta2, Double epsilon) {
            this.learningRate = given(learningRate, Optimizers.DEFAULT_ADAM_LEARNING_RATE);
            this.beta1 = given(beta1, Optimizers.DEFAULT_BETA1);
            this.beta2 = given(beta2, Optimizers.DEFAULT_BETA2);
            this.epsilon = given(epsilon, Optimizers.DEFAULT_ADAM_EPSILON);
            check(this);
        }

        public Recipe recipe() {
            return Recipe.ADAM;
        }

        public Map<String, Double> ownHyperparameters() {
            return values("beta1", beta1, "beta2", beta2, "epsilon", epsilon, LEARNING_RATE, learningRate);
        }

        public Transform chain(Binding binding) {
            return Optimizers.adam(learningRate);
        }
    }

    /** AdamW: Adam with decoupled weight decay on the {@code decay} tensors. */
    record AdamW(DecayMask decay, Double learningRate, Double beta1, Double beta2, Double epsilon, Double weightDecay)
            implements OptimizerSetup {
        public AdamW(DecayMask decay, Double learningRate, Double beta1, Double beta2, Double epsilon,
                     Double weightDecay) {
            this.decay = Objects.requireNonNullElse(decay, DecayMask.WEIGHTS);
            this.learningRate = given(learningRate, Optimizers.DEFAULT_ADAM_LEARNING_RATE);
            this.beta1 = given(beta1, Optimizers.DEFAULT_BETA1);
            this.beta2 = given(beta2, Optimizers.DEFAULT_BETA2);
            this.epsilon = given(epsilon, Optimizers.DEFAULT_ADAM_EPSILON);
            this.weightDecay = given(weightDecay, Optimizers.DEFAULT_ADAMW_WEIGHT_DECAY);
            check(this);
        }

        public Recipe recipe() {
            return Recipe.ADAMW;
        }

        public Map<String, Double> ownHyperparameters() {
            return values("beta1", beta1, "beta2", beta2, "epsilon", epsilon, "weightDecay", weightDecay,
                    LEARNING_RATE, learningRate);
        }

        public Transform chain(Binding binding) {
            return Optimizers.adamw(learningRate, decay);
        }

        public Predicate<Params.Tensor> decayed() {
            return decay;
        }
    }

    /**
     * PSI-SGD, optionally with the norm-preserving {@code retraction}. Without a {@code learningRate} the run matches
     * it to {@code sgdLearningRate}; giving both is refused.
     */
    record PsiSgd(DecayMask decay, Boolean retraction, Double sgdLearningRate, Double weightDecay, Double momentum,
                  Double learningRate) implements OptimizerSetup {
        public PsiSgd(DecayMask decay, Boolean retraction, Double sgdLearningRate, Double weightDecay,
                      Double momentum, Double learningRate) {
            if (learningRate != null && sgdLearningRate != null) {
                throw new IllegalArgumentException("give learningRate or sgdLearningRate, not both");
            }
            this.decay = Objects.requireNonNullElse(decay, DecayMask.WEIGHTS);
            this.retraction = Objects.requireNonNullElse(retraction, false);
            this.sgdLearningRate = learningRate != null ? null
                    : given(sgdLearningRate, Optimizers.DEFAULT_SGD_LEARNING_RATE);
            if (this.sgdLearningRate != null
                    && !(this.sgdLearningRate > 0 && this.sgdLearningRate < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("sgdLearningRate must be a finite number > 0, was "
                        + this.sgdLearningRate);
            }
            this.weightDecay = given(weightDecay, Optimizers.NO_WEIGHT_DECAY);
            this.momentum = given(momentum, Optimizers.NO_MOMENTUM);
            this.learningRate = learningRate;
            check(this);
        }

        public Recipe recipe() {
            return Recipe.PSI_SGD;
        }

        public Map<String, Double> ownHyperparameters() {
            return values("weightDecay", weightDecay, "momentum", momentum, LEARNING_RATE, learningRate);
        }

        public Transform chain(Binding binding) {
            double eta = learningRate != null ? learningRate : binding.network() == null ? sgdLearningRate
                    : Optimizers.psiLearningRate(sgdLearningRate, binding.network().params(),
                    binding.network().theta());
            return retraction ? Optimizers.psiSgdRetracted(eta, decay) : Optimizers.psiSgd(eta, decay);
        }

        public Predicate<Params.Tensor> decayed() {
            return Optimizers.exceptScaleInvariant(decay);
        }

        public Optional<Normalization> requiredNormalization() {
            return Optional.of(Normalization.BATCH_NORM);
        }
    }

    /** WRS: momentum SGD, then scale-invariant rows rescaled to norm 1 (or their {@code initialNorm}). */
    record Wrs(DecayMask decay, Boolean initialNorm, Double weightDecay, Double momentum, Double learningRate)
            implements OptimizerSetup {
        public Wrs(DecayMask decay, Boolean initialNorm, Double weightDecay, Double momentum, Double learningRate) {
            this.decay = Objects.requireNonNullElse(decay, DecayMask.WEIGHTS);
            this.initialNorm = Objects.requireNonNullElse(initialNorm, false);
            this.weightDecay = given(weightDecay, Optimizers.NO_WEIGHT_DECAY);
            this.momentum = given(momentum, Optimizers.NO_MOMENTUM);
            this.learningRate = given(learningRate, Optimizers.DEFAULT_SGD_LEARNING_RATE);
            check(this);
        }

        public Recipe recipe() {
            return Recipe.WRS;
        }

        public Map<String, Double> ownHyperparameters() {
            return values("weightDecay", weightDecay, "momentum", momentum, LEARNING_RATE, learningRate);
        }

        public Transform chain(Binding binding) {
            return initialNorm ? Optimizers.wrsInitialNorm(learningRate, decay) : Optimizers.wrs(learningRate, decay);
        }

        public Predicate<Params.Tensor> decayed() {
            return Optimizers.exceptScaleInvariant(decay);
        }

        public Optional<Normalization> requiredNormalization() {
            return Optional.of(Normalization.BATCH_NORM);
        }
    }

    /** INSGD: the gradient of each Linear layer divided by the log of its input power; {@code powerBeta} = μ. */
    record Insgd(DecayMask decay, InputPower.Norm norm, Boolean standardize, Double powerBeta, Double powerEpsilon,
                 Double weightDecay, Double momentum, Double learningRate) implements OptimizerSetup {
        public Insgd(DecayMask decay, InputPower.Norm norm, Boolean standardize, Double powerBeta, Double powerEpsilon,
                     Double weightDecay, Double momentum, Double learningRate) {
            this.decay = Objects.requireNonNullElse(decay, DecayMask.WEIGHTS);
            this.norm = Objects.requireNonNullElse(norm, InputPower.Norm.L2);
            this.standardize = Objects.requireNonNullElse(standardize, false);
            this.momentum = given(momentum, Optimizers.DEFAULT_MOMENTUM);
            this.powerBeta = given(powerBeta, this.momentum);
            this.powerEpsilon = given(powerEpsilon, Optimizers.DEFAULT_POWER_EPSILON);
            this.weightDecay = given(weightDecay, Optimizers.NO_WEIGHT_DECAY);
            this.learningRate = given(learningRate, Optimizers.DEFAULT_SGD_LEARNING_RATE);
            check(this);
        }

        public Recipe recipe() {
            return Recipe.INSGD;
        }

        public Map<String, Double> ownHyperparameters() {
            return values("powerBeta", powerBeta, "powerEpsilon", powerEpsilon, "weightDecay", weightDecay,
                    "momentum", momentum, LEARNING_RATE, learningRate);
        }

        public Transform chain(Binding binding) {
            return Optimizers.insgd(learningRate, decay, LayerInputs.of(l -> binding.network().linearInput(l)),
                    new InputPower(norm, standardize));
        }

        public Predicate<Params.Tensor> decayed() {
            return decay;
        }
    }

    /**
     * LARS: each Linear weight tensor's gradient plus decay scaled by the layer-wise trust ratio
     * {@code trust·‖w‖/(‖g‖ + λ‖w‖)}, then momentum. No stability threshold is drawn: the step's length is set by
     * ‖w‖, not by η times the curvature, so no dimensionless η·λ_max bounds it.
     */
    record Lars(Double trust, Double weightDecay, Double momentum, Double learningRate) implements OptimizerSetup {
        public Lars(Double trust, Double weightDecay, Double momentum, Double learningRate) {
            this.trust = given(trust, Optimizers.DEFAULT_TRUST);
            this.weightDecay = given(weightDecay, Optimizers.DEFAULT_WEIGHT_DECAY);
            this.momentum = given(momentum, Optimizers.DEFAULT_MOMENTUM);
            this.learningRate = given(learningRate, Optimizers.DEFAULT_SGD_LEARNING_RATE);
            check(this);
        }

        public Recipe recipe() {
            return Recipe.LARS;
        }

        public Map<String, Double> ownHyperparameters() {
            return values("trust", trust, "weightDecay", weightDecay, "momentum", momentum, LEARNING_RATE,
                    learningRate);
        }

        public Transform chain(Binding binding) {
            return Optimizers.lars(learningRate);
        }

        public Predicate<Params.Tensor> decayed() {
            return DecayMask.WEIGHTS;
        }
    }

    /** MimicNorm around {@code inner}: hidden rows centred after every step (the first layer's if firstLayer). */
    record MimicNorm(Boolean firstLayer, @JsonProperty("inner") OptimizerSetup wrapped) implements Wrapper {
        public MimicNorm(Boolean firstLayer, OptimizerSetup wrapped) {
            Wrapper.requireWrapped(wrapped, Recipe.MIMIC_NORM);
            this.firstLayer = Objects.requireNonNullElse(firstLayer, false);
            this.wrapped = wrapped;
        }

        public Recipe recipe() {
            return Recipe.MIMIC_NORM;
        }

        public Map<String, Double> ownHyperparameters() {
            return Map.of();
        }

        public Transform chain(Binding binding) {
            return Optimizers.mimicNorm(wrapped.transform(binding), firstLayer);
        }

        public StepRule.Kind stepKind() {
            StepRule.Kind kind = wrapped.stepKind();
            return kind == StepRule.Kind.ADAM ? StepRule.Kind.NONE : kind;
        }

        public Predicate<Params.Tensor> decayed() {
            return wrapped.decayed();
        }

        public Optional<Normalization> requiredNormalization() {
            return Optional.of(Normalization.MIMIC_NORM);
        }
    }

    /** An optimizer around an inner one ({@code inner} in the file), whose hyperparameters it shares by name. */
    sealed interface Wrapper extends OptimizerSetup {
        /** The inner optimizer. */
        OptimizerSetup wrapped();

        @Override
        default Optional<OptimizerSetup> inner() {
            return Optional.of(wrapped());
        }

        private static void requireWrapped(OptimizerSetup inner, Recipe wrapper) {
            if (inner == null) {
                throw new IllegalArgumentException("inner is required: the optimizer " + wrapper.word() + " wraps");
            }
        }
    }

    /**
     * What the three periodic-sampling wrappers share: the inner optimizer and what a replacement does to it (its
     * {@code innerState}; BN statistics re-estimated over {@code reestimateBatches}, 0 = none), the sampling interval
     * and the period (one epoch unless given).
     */
    sealed interface PeriodicSetup extends Wrapper {
        PeriodicSampling.InnerState innerState();

        Integer reestimateBatches();

        @Override
        default Transform chain(Binding binding) {
            int batches = reestimateBatches();
            return new PeriodicSampling(wrapped().transform(binding), PeriodicSampling.Kind.valueOf(recipe().name()),
                    binding.batchesPerEpoch(), innerState(),
                    batches == 0 ? () -> { } : () -> binding.reestimate().accept(batches));
        }

        @Override
        default Predicate<Params.Tensor> decayed() {
            return wrapped().decayed();
        }

        /** Checks the shared fields once the record's constructor has filled in their defaults. */
        private static void requireShared(PeriodicSetup setup) {
            Wrapper.requireWrapped(setup.wrapped(), setup.recipe());
            if (setup.reestimateBatches() < 0) {
                throw new IllegalArgumentException("reestimateBatches must be an integer >= 0, was "
                        + setup.reestimateBatches());
            }
            check(setup);
        }
    }

    /** PSWA around {@code inner}: θ replaced by the mean of each period's samples. */
    @JsonPropertyOrder("inner")
    record Pswa(@JsonProperty("inner") OptimizerSetup wrapped, PeriodicSampling.InnerState innerState,
                Integer reestimateBatches, Double sampleInterval, Double period) implements PeriodicSetup {
        public Pswa(OptimizerSetup wrapped, PeriodicSampling.InnerState innerState, Integer reestimateBatches,
                    Double sampleInterval, Double period) {
            this.wrapped = wrapped;
            this.innerState = Objects.requireNonNullElse(innerState, PeriodicSampling.InnerState.KEEP);
            this.reestimateBatches = Objects.requireNonNullElse(reestimateBatches, 0);
            this.sampleInterval = given(sampleInterval, PeriodicSampling.DEFAULT_INTERVAL);
            this.period = period;
            PeriodicSetup.requireShared(this);
        }

        public Recipe recipe() {
            return Recipe.PSWA;
        }

        public Map<String, Double> ownHyperparameters() {
            return values("sampleInterval", sampleInterval, "period", period);
        }
    }

    /** PWALKS around {@code inner}: θ replaced by the mean of each period's last {@code samples}. */
    @JsonPropertyOrder("inner")
    record Pwalks(@JsonProperty("inner") OptimizerSetup wrapped, PeriodicSampling.InnerState innerState,
                  Integer reestimateBatches, Double sampleInterval, Double period, Double samples) implements PeriodicSetup {
        public Pwalks(OptimizerSetup wrapped, PeriodicSampling.InnerState innerState, Integer reestimateBatches,
                      Double sampleInterval, Double period, Double samples) {
            this.wrapped = wrapped;
            this.innerState = Objects.requireNonNullElse(innerState, PeriodicSampling.InnerState.KEEP);
            this.reestimateBatches = Objects.requireNonNullElse(reestimateBatches, 0);
            this.sampleInterval = given(sampleInterval, PeriodicSampling.DEFAULT_INTERVAL);
            this.period = period;
            this.samples = given(samples, PeriodicSampling.DEFAULT_SAMPLES);
            PeriodicSetup.requireShared(this);
        }

        public Recipe recipe() {
            return Recipe.PWALKS;
        }

        public Map<String, Double> ownHyperparameters() {
            return values("sampleInterval", sampleInterval, "period", period, "samples", samples);
        }
    }

    /** PSWM around {@code inner}: θ replaced by each period's moving average of samples ({@code averageBeta}). */
    @JsonPropertyOrder("inner")
    record Pswm(@JsonProperty("inner") OptimizerSetup wrapped, PeriodicSampling.InnerState innerState,
                Integer reestimateBatches, Double sampleInterval, Double period, Double averageBeta) implements PeriodicSetup {
        public Pswm(OptimizerSetup wrapped, PeriodicSampling.InnerState innerState, Integer reestimateBatches,
                    Double sampleInterval, Double period, Double averageBeta) {
            this.wrapped = wrapped;
            this.innerState = Objects.requireNonNullElse(innerState, PeriodicSampling.InnerState.KEEP);
            this.reestimateBatches = Objects.requireNonNullElse(reestimateBatches, 0);
            this.sampleInterval = given(sampleInterval, PeriodicSampling.DEFAULT_INTERVAL);
            this.period = period;
            this.averageBeta = given(averageBeta, PeriodicSampling.DEFAULT_AVERAGE_BETA);
            PeriodicSetup.requireShared(this);
        }

        public Recipe recipe() {
            return Recipe.PSWM;
        }

        public Map<String, Double> ownHyperparameters() {
            return values("sampleInterval", sampleInterval, "period", period, "averageBeta", averageBeta);
        }
    }
}
