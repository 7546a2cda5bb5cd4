package org.normlab.sim.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * Which data set an experiment trains on and how it is prepared. Validated in the constructor (messages name the
 * field and the allowed range); {@link #load} builds the train/test split.
 *
 * <p>{@link #load} works in this order: generate (or read the first {@code size} MNIST examples), downsample MNIST
 * images, embed into {@code embedDimension} dimensions, split by a seeded shuffle, then standardize with statistics
 * of the training part only, so nothing about the test set leaks into training. Pooling comes first because it
 * needs the image layout; standardization comes last so the network sees unit-scale features either way (an
 * embedded set stays in a d-dimensional affine subspace, as standardization is a per-feature affine map).
 *
 * @param kind           which generator, or MNIST
 * @param size           number of examples before the split (MNIST: first {@code size} of the file, 0 = all)
 * @param noise          generator noise (standard deviation); ignored for teacher–student and MNIST
 * @param classes        number of classes (blobs, teacher–student; others fix their own)
 * @param dimension      input dimension (blobs, teacher–student; others fix their own)
 * @param embedDimension 0 = none; otherwise a seeded low-rank embedding of the inputs into this many dimensions
 * @param downsample     1 = none; k = average-pool MNIST images k×k (2 gives 14×14); must be 1 for the generators
 * @param standardize    standardize every feature with the training set's mean and standard deviation
 * @param testFraction   share of examples held out for testing, in [0, 1); 0 gives an empty test set
 * @param seed           seed of generation, embedding and split
 * @param images         IDX images file for MNIST (null = the shipped 10k subset in assets/data); relative paths are
 *                       resolved against the working directory; must be null for the generators
 * @param labels         IDX labels file for MNIST (null = the shipped 10k subset in assets/data); set together with
 *                       {@code images}
 */
public record DataSpec(DataKind kind, int size, double noise, int classes, int dimension, int embedDimension,
                       int downsample, boolean standardize, double testFraction, long seed, String images,
                       String labels) {

    /** The shipped MNIST subset, relative to the assets folder. */
    public static final String SHIPPED_IMAGES = "data/mnist-10k-images-idx3-ubyte.gz";
    public static final String SHIPPED_LABELS = "data/mnist-10k-labels-idx1-ubyte.gz";

    private static final int DEFAULT_SIZE = 1000;
    private static final double DEFAULT_TEST_FRACTION = 0.2;

    public DataSpec {
        if (kind == null) {
            throw new IllegalArgumentException("kind must be one of " + Arrays.toString(DataKind.values())
                    + ", was null");
        }
        boolean mnist = kind == DataKind.MNIST;
        if (size < (mnist ? 0 : 1)) {
            throw new IllegalArgumentException("size must be >= " + (mnist ? "0 (0 = the whole file)" : "1")
                    + ", was " + size);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be a finite number >= 0, was " + noise);
        }
        if (takesClassesAndDimension(kind) && classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2 for " + kind + ", was " + classes);
        }
        int minimumDimension = kind == DataKind.BLOBS ? 2 : 1;
        if (takesClassesAndDimension(kind) && dimension < minimumDimension) {
            throw new IllegalArgumentException("dimension must be >= " + minimumDimension + " for " + kind + ", was "
                    + dimension);
        }
        if (embedDimension < 0) {
            throw new IllegalArgumentException("embedDimension must be >= 0 (0 = no embedding), was "
                    + embedDimension);
        }
        if (!mnist && embedDimension != 0 && embedDimension <= generatedDimension(kind, dimension)) {
            throw new IllegalArgumentException("embedDimension must be 0 or > " + generatedDimension(kind, dimension)
                    + " (the " + kind + " input dimension), was " + embedDimension);
        }
        if (downsample < 1 || (!mnist && downsample != 1)) {
            throw new IllegalArgumentException("downsample must be " + (mnist ? ">= 1" : "1 for " + kind
                    + " (it pools MNIST images)") + ", was " + downsample);
        }
        Split.checkTestFraction(testFraction);
        if (!mnist) {
            Split.testSize(size, testFraction);
        }
        if (!mnist && (images != null || labels != null)) {
            throw new IllegalArgumentException("images and labels must be null for " + kind
                    + " (they name MNIST files), were " + images + " and " + labels);
        }
        if ((images == null) != (labels == null)) {
            throw new IllegalArgumentException("images and labels must both be set or both be null (the shipped "
                    + "MNIST subset), were " + images + " and " + labels);
        }
    }

    /**
     * Sensible settings for {@code kind}: 1000 examples (MNIST: the whole file), a noise level at which the classes
     * are learnable but overlap a little, 20% test data, standardized, seed 0, no embedding or downsampling. Blobs
     * have 3 classes in 2-D, teacher–student 4 classes in 20-D.
     */
    public static DataSpec defaults(DataKind kind) {
        return switch (kind) {
            case SPIRALS, CIRCLES -> generated(kind, 0.05, 2, 2);
            case MOONS, XOR -> generated(kind, 0.1, 2, 2);
            case BLOBS -> generated(kind, 0.3, 3, 2);
            case TEACHER_STUDENT -> generated(kind, 0, 4, 20);
            case MNIST -> new DataSpec(kind, 0, 0, Idx.MNIST_CLASSES, 28 * 28, 0, 1, true, DEFAULT_TEST_FRACTION, 0,
                    null, null);
        };
    }

    private static DataSpec generated(DataKind kind, double noise, int classes, int dimension) {
        return new DataSpec(kind, DEFAULT_SIZE, noise, classes, dimension, 0, 1, true, DEFAULT_TEST_FRACTION, 0,
                null, null);
    }

    public DataSpec withSize(int s) {
        return new DataSpec(kind, s, noise, classes, dimension, embedDimension, downsample, standardize, testFraction,
                seed, images, labels);
    }

    public DataSpec withNoise(double n) {
        return new DataSpec(kind, size, n, classes, dimension, embedDimension, downsample, standardize, testFraction,
                seed, images, labels);
    }

    public DataSpec withTestFraction(double f) {
        return new DataSpec(kind, size, noise, classes, dimension, embedDimension, downsample, standardize, f, seed,
                images, labels);
    }

    public DataSpec withEmbedDimension(int d) {
        return new DataSpec(kind, size, noise, classes, dimension, d, downsample, standardize, testFraction, seed,
                images, labels);
    }

    public DataSpec withSeed(long s) {
        return new DataSpec(kind, size, noise, classes, dimension, embedDimension, downsample, standardize,
                testFraction, s, images, labels);
    }

    /** Builds the data set and splits it. {@code assets} is the folder that holds {@code data/}. */
    public Split load(Path assets) {
        Seeds seeds = seeds();
        Dataset data = generate(assets, seeds.generation());
        if (embedDimension > 0) {
            data = Embedding.lowRank(data, embedDimension, seeds.embedding());
        }
        Split split = Split.shuffled(data, testFraction, seeds.split());
        return standardize ? split.standardized() : split;
    }

    /**
     * The sizes {@link #load} will produce, without producing them: for MNIST only the files' headers are read.
     *
     * @throws DataFileException        if an MNIST file is missing or its header is malformed
     * @throws IllegalArgumentException if {@code size} exceeds the examples of the file
     */
    public Shape shape(Path assets) {
        int examples = size;
        int raw = generatedDimension(kind, dimension);
        int classes = kind == DataKind.MNIST ? Idx.MNIST_CLASSES : generatedClasses();
        int pooled = raw;
        if (kind == DataKind.MNIST) {
            Path imagesFile = imagesFile(assets);
            Idx.Header header = Idx.imagesHeader(imagesFile);
            examples = Idx.examplesUsed(imagesFile, header.count(), size);
            raw = header.exampleBytes();
            pooled = raw / (downsample * downsample);
        }
        return new Shape(examples, Split.testSize(examples, testFraction),
                embedDimension > 0 ? embedDimension : pooled, classes, raw);
    }

    /**
     * What {@link #load} produces, in numbers.
     *
     * @param examples      examples before the split
     * @param testExamples  of which held out for testing
     * @param dimension     features per example as the network sees them
     * @param classes       number of classes
     * @param readDimension features per example as generated or read, before pooling and embedding
     */
    public record Shape(int examples, int testExamples, int dimension, int classes, int readDimension) {
        public int trainExamples() {
            return examples - testExamples;
        }
    }

    private int generatedClasses() {
        return takesClassesAndDimension(kind) ? classes : ToyData.PLANAR_CLASSES;
    }

    /** Whether the generator draws points of the plane, so {@link #inputPlane} has one. */
    public boolean planar() {
        return kind != DataKind.MNIST && generatedDimension(kind, dimension) == 2;
    }

    /**
     * For a data set generated in the plane ({@link #planar}): the exact map of {@link #load} from the generator's
     * plane to the network's inputs (embedding, then standardization with the training part's statistics), with the
     * training points in plane coordinates in the order of {@code load(…).train()}. Empty for MNIST and for data
     * generated in more than two dimensions.
     */
    public Optional<InputPlane> inputPlane() {
        if (!planar()) {
            return Optional.empty();
        }
        Seeds seeds = seeds();
        // The split's order depends only on the size and its seed, so splitting before embedding picks the rows
        // load() picks; embedding them row by row does load()'s arithmetic, so the fitted statistics are its own.
        Dataset points = Split.shuffled(generate(null, seeds.generation()), testFraction, seeds.split()).train();
        double[][] embedding = embedDimension > 0 ? Embedding.columns(2, embedDimension, seeds.embedding())
                : new double[][] {{1, 0}, {0, 1}};
        Dataset embedded = embedDimension > 0 ? Embedding.lowRank(points, embedDimension, seeds.embedding()) : points;
        Standardization standardization = standardize ? Standardization.fit(embedded)
                : Standardization.identity(embedded.dimension());
        return Optional.of(InputPlane.of(points, embedding, standardization));
    }

    /** The seeds of generation, embedding and split, drawn in that order from {@link #seed}. */
    private Seeds seeds() {
        Random seeds = new Random(seed);
        return new Seeds(seeds.nextLong(), seeds.nextLong(), seeds.nextLong());
    }

    private record Seeds(long generation, long embedding, long split) {
    }

    private Dataset generate(Path assets, long generationSeed) {
        return switch (kind) {
            case SPIRALS -> ToyData.spirals(size, noise, generationSeed);
            case MOONS -> ToyData.moons(size, noise, generationSeed);
            case CIRCLES -> ToyData.circles(size, noise, generationSeed);
            case XOR -> ToyData.xor(size, noise, generationSeed);
            case BLOBS -> ToyData.blobs(size, classes, dimension, noise, generationSeed);
            case TEACHER_STUDENT -> ToyData.teacherStudent(size, dimension, classes, generationSeed);
            case MNIST -> mnist(assets);
        };
    }

    private Path imagesFile(Path assets) {
        return images == null ? assets.resolve(SHIPPED_IMAGES) : Path.of(images);
    }

    private Dataset mnist(Path assets) {
        Path labelsFile = labels == null ? assets.resolve(SHIPPED_LABELS) : Path.of(labels);
        Dataset data = Idx.mnist(imagesFile(assets), labelsFile, size);
        return downsample == 1 ? data : Downsampling.averagePool(data, downsample);
    }

    private static boolean takesClassesAndDimension(DataKind kind) {
        return kind == DataKind.BLOBS || kind == DataKind.TEACHER_STUDENT;
    }

    private static int generatedDimension(DataKind kind, int dimension) {
        return takesClassesAndDimension(kind) ? dimension : 2;
    }

    /** Training and test data. The test set is empty when the test fraction is 0. */
    public record Split(Dataset train, Dataset test) {

        /**
         * A seeded shuffle of {@code data} cut in two: the first {@code round(n · testFraction)} examples of the
         * shuffled order are the test set, the rest (in shuffled order) the training set.
         */
        public static Split shuffled(Dataset data, double testFraction, long seed) {
            checkTestFraction(testFraction);
            int n = data.size();
            int testSize = testSize(n, testFraction);
            int[] order = IndexOrder.shuffled(n, new Random(seed));
            return new Split(data.subset(Arrays.copyOfRange(order, testSize, n)),
                    data.subset(Arrays.copyOf(order, testSize)));
        }

        static void checkTestFraction(double testFraction) {
            if (!(testFraction >= 0 && testFraction < 1)) {
                throw new IllegalArgumentException("testFraction must be in [0, 1), was " + testFraction);
            }
        }

        /** {@code round(n · testFraction)}, provided it leaves at least one training example. */
        static int testSize(int n, double testFraction) {
            int testSize = (int) Math.round(n * testFraction);
            if (n - testSize < 1) {
                throw new IllegalArgumentException("testFraction " + testFraction + " leaves no training examples of "
                        + n + "; it must be smaller");
            }
            return testSize;
        }

        /** Both parts standardized with the training part's statistics. */
        public Split standardized() {
            Standardization standardization = Standardization.fit(train);
            return new Split(standardization.apply(train), standardization.apply(test));
        }
    }
}
