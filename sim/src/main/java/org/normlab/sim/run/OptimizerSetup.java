package org.normlab.sim.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * An optimizer as an experiment file gives it: {@code {"name": "psi_sgd", "momentum": 0.9, "decay": "all"}}, a
 * {@link Recipe} of {@link Optimizers}, its structural {@link Option}s and values for its hyperparameters by the
 * names of its {@link org.normlab.sim.optim.Hyperparameters}. Hyperparameters are checked by the optimizer's own
 * domains, so a file, a scheduled change and a live command are held to the same ranges.
 *
 * <p>Every value is resolved on reading ({@code options} holds all of the recipe's options, {@code hyperparameters}
 * all of its own ones), except those the run fills in: PSI-SGD's learning rate, unless given, is matched to
 * {@code sgdLearningRate} ({@link Optimizers#psiLearningRate}); a sampling {@code period}, unless given, is one epoch.
 * INSGD's {@code powerBeta}, unless given, is its momentum. Wrappers (MimicNorm, PSWA, PWALKS, PSWM) hold their inner
 * optimizer in the option {@code inner}; its hyperparameters are addressed by name like the wrapper's own.
 */
public record OptimizerSetup(Recipe recipe, Map<String, Object> options, Map<String, Double> hyperparameters) {

    private static final String LEARNING_RATE = "learningRate";
    private static final String PERIOD = "period";

    /** The named optimizers of {@link Optimizers}, by their word in JSON. */
    public enum Recipe {
        SGD(0.1), MOMENTUM(0.1), NESTEROV(0.1), SGD_WD(0.1, Option.DECAY), ADAM(1e-3), ADAMW(1e-3, Option.DECAY),
        PSI_SGD(0.1, Option.DECAY, Option.RETRACTION), WRS(0.1, Option.DECAY, Option.INITIAL_NORM),
        INSGD(0.1, Option.DECAY, Option.NORM, Option.STANDARDIZE),
        MIMIC_NORM(Double.NaN, Option.INNER, Option.FIRST_LAYER),
        PSWA(Double.NaN, Option.INNER, Option.INNER_STATE, Option.REESTIMATE_BATCHES),
        PWALKS(Double.NaN, Option.INNER, Option.INNER_STATE, Option.REESTIMATE_BATCHES),
        PSWM(Double.NaN, Option.INNER, Option.INNER_STATE, Option.REESTIMATE_BATCHES);

        private final double defaultLearningRate;
        private final List<Option> options;

        Recipe(double defaultLearningRate, Option... options) {
            this.defaultLearningRate = defaultLearningRate;
            this.options = List.of(options);
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean wraps() {
            return options.contains(Option.INNER);
        }
    }

    /** A structural choice of a recipe: fixed for the run, unlike a hyperparameter. */
    public enum Option {
        /** Which tensors weight decay applies to: {@code weights} (default) or {@code all}. */
        DECAY("decay", DecayMask.class, DecayMask.WEIGHTS),
        /** PSI-SGD's norm-preserving retraction of every scale-invariant row. */
        RETRACTION("retraction", Boolean.class, false),
        /** WRS rescales rows to their initial norm instead of 1. */
        INITIAL_NORM("initialNorm", Boolean.class, false),
        /** INSGD's input power: {@code l2} (default, mean squared norm) or {@code l1}. */
        NORM("norm", InputPower.Norm.class, InputPower.Norm.L2),
        /** INSGD's authors' code variant: each input row standardized before its norm. */
        STANDARDIZE("standardize", Boolean.class, false),
        /** MimicNorm also centres the first layer's rows. */
        FIRST_LAYER("firstLayer", Boolean.class, false),
        /** The optimizer a wrapper holds (required). */
        INNER("inner", OptimizerSetup.class, null),
        /** What a periodic-sampling replacement does to the inner state: {@code keep} (default) or {@code reset}. */
        INNER_STATE("innerState", PeriodicSampling.InnerState.class, PeriodicSampling.InnerState.KEEP),
        /** Batches over which BN running statistics are re-estimated after a replacement; 0 = none. */
        REESTIMATE_BATCHES("reestimateBatches", Integer.class, 0),
        /** PSI-SGD without a learningRate: the SGD learning rate whose first angular step it matches. */
        SGD_LEARNING_RATE("sgdLearningRate", Double.class, 0.1);

        private final String word;
        private final Class<?> type;
        private final Object fallback;

        Option(String word, Class<?> type, Object fallback) {
            this.word = word;
            this.type = type;
            this.fallback = fallback;
        }

        public String word() {
            return word;
        }

        private Object read(JsonNode value) {
            if (type == OptimizerSetup.class) {
                try {
                    return fromJson(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(word + "." + e.getMessage(), e);
                }
            }
            Object v;
            try {
                v = Json.mapper().treeToValue(value, type);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                v = null;
            }
            if (v == null) {
                throw new IllegalArgumentException(word + " must be " + ExperimentFile.expected(type)
                        + ", was " + value);
            }
            if (this == REESTIMATE_BATCHES && (Integer) v < 0) {
                throw new IllegalArgumentException(word + " must be an integer >= 0, was " + v);
            }
            if (this == SGD_LEARNING_RATE && !((Double) v > 0 && (Double) v < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(word + " must be a finite number > 0, was " + v);
            }
            return v;
        }
    }

    /**
     * What building the optimizer needs from its run: the network (INSGD reads its Linear inputs, PSI-SGD its initial
     * rows), the steps per epoch (the sampling period's default) and the BatchNorm re-estimation over a number of
     * batches after a periodic-sampling replacement.
     */
    public record Binding(Network network, int batchesPerEpoch, IntConsumer reestimate) {
        /**
         * For checking values only: the transform built with it must never step. The epoch is unknown until the
         * data is, so a period that defaults to it holds any sampling here; the run checks again with its own.
         */
        static final Binding NONE = new Binding(null, Integer.MAX_VALUE, batches -> { });
    }

    public OptimizerSetup {
        Objects.requireNonNull(recipe, "recipe");
        options = Map.copyOf(options);
        hyperparameters = Map.copyOf(hyperparameters);
        if (!options.keySet().equals(optionWords(recipe, hyperparameters))) {
            throw new IllegalArgumentException("options of " + recipe.word() + " must be "
                    + optionWords(recipe, hyperparameters) + ", were " + options.keySet());
        }
        build(recipe, options, hyperparameters, Binding.NONE);
    }

    /** Plain SGD with learning rate η. */
    public static OptimizerSetup sgd(double learningRate) {
        return new OptimizerSetup(Recipe.SGD, Map.of(), Map.of(LEARNING_RATE, learningRate));
    }

    /**
     * Reads {@code {"name": …, option or hyperparameter: value, …}}, filling in defaults.
     *
     * @throws IllegalArgumentException naming the field (relative to this object) and what is allowed there
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OptimizerSetup fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("must be an object with a \"name\"");
        }
        Recipe recipe = recipe(json.get("name"));
        Map<String, Object> given = new LinkedHashMap<>();
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> hyperparameterNames = ownHyperparameterNames(recipe);
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            Optional<Option> option = recipe.options.stream().filter(o -> o.word.equals(key)).findFirst()
                    .or(() -> recipe == Recipe.PSI_SGD && key.equals(Option.SGD_LEARNING_RATE.word)
                            ? Optional.of(Option.SGD_LEARNING_RATE) : Optional.empty());
            if (key.equals("name")) {
                continue;
            } else if (option.isPresent()) {
                given.put(key, option.get().read(field.getValue()));
            } else if (hyperparameterNames.contains(key)) {
                if (!field.getValue().isNumber()) {
                    throw new IllegalArgumentException(key + " must be a number, was " + field.getValue());
                }
                values.put(key, field.getValue().doubleValue());
            } else {
                List<String> allowed = new ArrayList<>(List.of("name"));
                recipe.options.forEach(o -> allowed.add(o.word));
                if (recipe == Recipe.PSI_SGD) {
                    allowed.add(Option.SGD_LEARNING_RATE.word);
                }
                allowed.addAll(hyperparameterNames);
                throw new IllegalArgumentException(ExperimentFile.unknownField(key + " is not a known field of "
                        + recipe.word(), key, allowed));
            }
        }
        if (recipe == Recipe.PSI_SGD && values.containsKey(LEARNING_RATE)
                && given.containsKey(Option.SGD_LEARNING_RATE.word)) {
            throw new IllegalArgumentException("give learningRate or sgdLearningRate, not both");
        }
        if (recipe.wraps() && !given.containsKey(Option.INNER.word)) {
            throw new IllegalArgumentException("inner is required: the optimizer " + recipe.word() + " wraps");
        }
        if (recipe == Recipe.INSGD && !values.containsKey("powerBeta")) {
            values.put("powerBeta", values.getOrDefault("momentum", Optimizers.DEFAULT_MOMENTUM));
        }
        Map<String, Object> options = defaultOptions(recipe, values);
        options.putAll(given);
        Map<String, Double> resolved = build(recipe, options, values, Binding.NONE).hyperparameters().values();
        inner(options).ifPresent(inner -> resolved.keySet().removeAll(inner.allHyperparameterNames()));
        if (recipe == Recipe.PSI_SGD && !values.containsKey(LEARNING_RATE)) {
            resolved.remove(LEARNING_RATE);
        }
        if (recipe.wraps() && recipe != Recipe.MIMIC_NORM && !values.containsKey(PERIOD)) {
            resolved.remove(PERIOD);
        }
        return new OptimizerSetup(recipe, options, resolved);
    }

    /** The file's form: name, options and hyperparameters, every default written out. */
    @JsonValue
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", recipe.word());
        for (Option o : Option.values()) {
            if (options.containsKey(o.word)) {
                json.put(o.word, options.get(o.word));
            }
        }
        json.putAll(hyperparameters);
        return json;
    }

    /** The recipe's word, e.g. {@code pswa(psi_sgd)}. */
    public String label() {
        return recipe.word() + inner().map(i -> "(" + i.label() + ")").orElse("");
    }

    /** The network normalization this optimizer needs, if any: BatchNorm rows for PSI-SGD and WRS, MimicNorm's. */
    public Optional<Normalization> requiredNormalization() {
        return switch (recipe) {
            case PSI_SGD, WRS -> Optional.of(Normalization.BATCH_NORM);
            case MIMIC_NORM -> Optional.of(Normalization.MIMIC_NORM);
            default -> inner().flatMap(OptimizerSetup::requiredNormalization);
        };
    }

    /**
     * The family of this optimizer's step, which decides the stability threshold drawn beside its sharpness
     * ({@link StepRule}): SGD is gradient descent; momentum, SGD + weight decay and WRS heavy ball (μ may be 0; WRS's
     * unit rows enter through the curvature on their tangent space); Nesterov its own; Adam and AdamW Adam's; PSI-SGD
     * and INSGD scale the gradient by a diagonal. MimicNorm takes its inner optimizer's threshold (measured on the
     * zero-mean rows), except around Adam, whose per-entry preconditioner does not commute with the centring: no
     * threshold is symmetric there. Periodic sampling has none: its period-end average damps exactly the oscillating
     * direction that crosses the inner step's threshold, so the wrapped iteration stays bounded past it.
     */
    public StepRule.Kind stepKind() {
        return switch (recipe) {
            case SGD -> StepRule.Kind.GD;
            case MOMENTUM, SGD_WD, WRS -> StepRule.Kind.HEAVY_BALL;
            case NESTEROV -> StepRule.Kind.NESTEROV;
            case ADAM, ADAMW -> StepRule.Kind.ADAM;
            case PSI_SGD, INSGD -> StepRule.Kind.SCALED;
            case MIMIC_NORM -> inner().map(OptimizerSetup::stepKind)
                    .filter(kind -> kind != StepRule.Kind.ADAM).orElse(StepRule.Kind.NONE);
            case PSWA, PWALKS, PSWM -> StepRule.Kind.NONE;
        };
    }

    /** The rule of this optimizer's step at its current hyperparameter values {@code values} (by name). */
    public StepRule stepRule(Map<String, Double> values) {
        StepRule.Kind kind = stepKind();
        double eta = values.get(LEARNING_RATE);
        double momentum = kind == StepRule.Kind.ADAM ? values.get("beta1") : values.getOrDefault("momentum", 0.0);
        return new StepRule(kind, eta, kind == StepRule.Kind.GD ? 0 : momentum,
                kind == StepRule.Kind.ADAM ? values.get("epsilon") : 0, values.getOrDefault("weightDecay", 0.0));
    }

    /** 1 on the entries of layout {@code params} that this optimizer's {@code weightDecay} applies to, 0 elsewhere. */
    public INDArray decayMask(Params params) {
        INDArray mask = params.zeros();
        Predicate<Params.Tensor> decayed = decayed();
        for (Params.Tensor t : params.tensors()) {
            if (decayed.test(t)) {
                params.view(mask, t).assign(1);
            }
        }
        return mask;
    }

    private Predicate<Params.Tensor> decayed() {
        return switch (recipe) {
            case SGD_WD, ADAMW, INSGD -> (DecayMask) options.get(Option.DECAY.word);
            case PSI_SGD, WRS -> Optimizers.exceptScaleInvariant((DecayMask) options.get(Option.DECAY.word));
            case MIMIC_NORM, PSWA, PWALKS, PSWM -> inner().map(OptimizerSetup::decayed).orElseThrow();
            case SGD, MOMENTUM, NESTEROV, ADAM -> t -> false;
        };
    }

    /** A fresh transform for one run, with this setup's hyperparameters. */
    public Transform transform(Binding binding) {
        return build(recipe, options, hyperparameters, binding);
    }

    private static Transform build(Recipe recipe, Map<String, Object> options, Map<String, Double> hyperparameters,
                                   Binding binding) {
        double eta = hyperparameters.getOrDefault(LEARNING_RATE, recipe.defaultLearningRate);
        if (recipe == Recipe.PSI_SGD && !hyperparameters.containsKey(LEARNING_RATE) && binding.network() != null) {
            Network network = binding.network();
            eta = Optimizers.psiLearningRate((Double) options.get(Option.SGD_LEARNING_RATE.word), network.params(),
                    network.theta());
        }
        DecayMask decay = (DecayMask) options.get(Option.DECAY.word);
        Transform inner = inner(options).map(i -> i.transform(binding)).orElse(null);
        Transform t = switch (recipe) {
            case SGD -> Optimizers.sgd(eta);
            case MOMENTUM -> Optimizers.momentum(eta);
            case NESTEROV -> Optimizers.nesterov(eta);
            case SGD_WD -> Optimizers.sgdWeightDecay(eta, decay);
            case ADAM -> Optimizers.adam(eta);
            case ADAMW -> Optimizers.adamw(eta, decay);
            case PSI_SGD -> flag(options, Option.RETRACTION) ? Optimizers.psiSgdRetracted(eta, decay)
                    : Optimizers.psiSgd(eta, decay);
            case WRS -> flag(options, Option.INITIAL_NORM) ? Optimizers.wrsInitialNorm(eta, decay)
                    : Optimizers.wrs(eta, decay);
            case INSGD -> Optimizers.insgd(eta, decay, LayerInputs.of(l -> binding.network().linearInput(l)),
                    new InputPower((InputPower.Norm) options.get(Option.NORM.word),
                            flag(options, Option.STANDARDIZE)));
            case MIMIC_NORM -> Optimizers.mimicNorm(inner, flag(options, Option.FIRST_LAYER));
            case PSWA, PWALKS, PSWM -> {
                int batches = (Integer) options.get(Option.REESTIMATE_BATCHES.word);
                yield new PeriodicSampling(inner, PeriodicSampling.Kind.valueOf(recipe.name()),
                        binding.batchesPerEpoch(), (PeriodicSampling.InnerState) options.get(Option.INNER_STATE.word),
                        batches == 0 ? () -> { } : () -> binding.reestimate().accept(batches));
            }
        };
        t.hyperparameters().setAll(hyperparameters);
        return t;
    }

    /** The inner optimizer of a wrapper. */
    public Optional<OptimizerSetup> inner() {
        return inner(options);
    }

    private static Optional<OptimizerSetup> inner(Map<String, Object> options) {
        return Optional.ofNullable((OptimizerSetup) options.get(Option.INNER.word));
    }

    /** Every hyperparameter name of the built optimizer, the inner one's included. */
    public List<String> allHyperparameterNames() {
        return new ArrayList<>(transform(Binding.NONE).hyperparameters().values().keySet());
    }

    private static boolean flag(Map<String, Object> options, Option option) {
        return (Boolean) options.get(option.word);
    }

    private static Recipe recipe(JsonNode name) {
        if (name == null || !name.isTextual()) {
            throw new IllegalArgumentException("name is required: one of " + words());
        }
        for (Recipe r : Recipe.values()) {
            if (r.word().equals(name.textValue())) {
                return r;
            }
        }
        throw new IllegalArgumentException("name must be one of " + words() + ", was '" + name.textValue() + "'");
    }

    private static String words() {
        return Json.words(Recipe.class);
    }

    /** The recipe's options at their defaults (PSI-SGD's sgdLearningRate only when no learningRate is given). */
    private static Map<String, Object> defaultOptions(Recipe recipe, Map<String, Double> hyperparameters) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (Option o : recipe.options) {
            if (o != Option.INNER) {
                options.put(o.word, o.fallback);
            }
        }
        if (recipe == Recipe.PSI_SGD && !hyperparameters.containsKey(LEARNING_RATE)) {
            options.put(Option.SGD_LEARNING_RATE.word, Option.SGD_LEARNING_RATE.fallback);
        }
        return options;
    }

    /** The options a resolved setup holds: its defaults' and, for a wrapper, {@code inner}. */
    private static Set<String> optionWords(Recipe recipe, Map<String, Double> hyperparameters) {
        Set<String> words = new HashSet<>(defaultOptions(recipe, hyperparameters).keySet());
        if (recipe.wraps()) {
            words.add(Option.INNER.word);
        }
        return words;
    }

    /**
     * The names a file may set at this level: the recipe's own hyperparameters (a wrapper's without its inner
     * optimizer's, which belong in {@code inner}).
     */
    private static List<String> ownHyperparameterNames(Recipe recipe) {
        Map<String, Object> options = defaultOptions(recipe, Map.of(LEARNING_RATE, 1.0));
        if (recipe.wraps()) {
            options.put(Option.INNER.word, sgd(recipe.defaultLearningRate > 0 ? recipe.defaultLearningRate : 0.1));
        }
        List<String> names = new ArrayList<>(build(recipe, options, Map.of(), Binding.NONE).hyperparameters()
                .values().keySet());
        inner(options).ifPresent(inner -> names.removeAll(inner.allHyperparameterNames()));
        return names;
    }
}
