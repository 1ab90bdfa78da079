using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using EvoDsl.Data;
using EvoDsl.Kernels;
using EvoDsl.Training;

namespace EvoDsl.Gp;

/// <summary>
/// Genetic programming (Koza 1992; docs/gp.md): a population of individuals, each one program tree per class over
/// the image's pixels. Each generation every individual runs on one batch of training images; its class outputs are
/// the logits of a softmax and its fitness the batch's mean −cross-entropy. The next generation keeps the fittest
/// EliteRatio unchanged; every other child is, with chance Crossover, the subtree crossover of two tournament winners
/// in one class's tree (the other trees the first parent's), with chance Mutation a subtree mutation of one winner in
/// one class's tree, or else a winner's copy. One <see cref="Step"/> is one generation and allocates nothing. Results
/// are the same for any thread count: random streams are keyed by generation and individuals are scored independently.
/// </summary>
public sealed class GpEvolution : ITrainer
{
    /// <summary>Samples an interpreter runs at once: a pixel row's slice and the stack's slots stay in the core's caches.</summary>
    public const int Chunk = 1024;

    private readonly GpSettings _settings;
    private readonly RunContext _context;
    private readonly WorkerPool _workers;
    private readonly int _pixels;
    private readonly int _classes;
    private GpPopulation _population;
    private GpPopulation _next;
    private readonly double[] _fitness;
    private readonly int[] _byFitness;
    private readonly int[] _trainOrder;
    private readonly float[] _batchRows;
    private readonly int[] _batchLabels;
    private readonly GpInterpreter[] _interpreters;
    private readonly float[][] _logits;
    private readonly float[][] _scoreScratch;
    private readonly Action<int, int> _scoreOne;
    private readonly Comparison<int> _compareFitness;
    private float[]? _testRows;

    public GpEvolution(GpSettings settings, RunContext context)
    {
        Check(settings, context);
        _settings = settings;
        _context = context;
        _pixels = context.Train.Features;
        _classes = context.Train.Classes;
        _population = new GpPopulation(settings.Population, _classes, settings.MaxSize);
        _next = new GpPopulation(settings.Population, _classes, settings.MaxSize);
        _fitness = new double[settings.Population];
        _byFitness = new int[settings.Population];
        _trainOrder = new int[context.Train.Count];
        _batchRows = new float[_pixels * settings.BatchSize];
        _batchLabels = new int[settings.BatchSize];
        int workers = Math.Max(1, context.Threads), width = Math.Min(Chunk, settings.BatchSize);
        _interpreters = new GpInterpreter[workers];
        _logits = new float[workers][];
        _scoreScratch = new float[workers][];
        for (int w = 0; w < workers; w++)
        {
            _interpreters[w] = new GpInterpreter(settings.MaxSize, width);
            _logits[w] = new float[_classes * width];
            _scoreScratch[w] = new float[3 * width];
        }
        _scoreOne = ScoreOne;
        _compareFitness = CompareFitness;

        // Ramped half-and-half: depths 2 … InitialDepth in turn, full for every other individual.
        int depths = Math.Max(1, settings.InitialDepth - 1);
        for (int i = 0; i < settings.Population; i++)
        {
            var random = new SplitMix64(Streams.Key(context.Seed, Streams.GpInitialPopulation, (ulong)i));
            int depth = Math.Min(settings.InitialDepth, 2 + (i / 2) % depths);
            for (int k = 0; k < _classes; k++)
                _population.SetLength(i, k, GpTrees.Random(_population.Space(i, k), depth, full: i % 2 == 0, _pixels, ref random));
        }
        // The pool last, so that nothing that can throw before it leaves its threads running.
        _workers = WorkerPool.ForThreads(workers);
        try
        {
            ScorePopulation(generation: 0);
        }
        catch
        {
            _workers.Dispose();
            throw;
        }
    }

    /// <summary>Generations evolved (the starting population, scored, is generation 0).</summary>
    public int Completed { get; private set; }

    /// <summary>Program-samples one generation runs: population × batch (each runs its one tree per class).</summary>
    public long UnitsPerStep => (long)_settings.Population * _settings.BatchSize;

    /// <summary>The best fitness (−cross-entropy on the batch) of the generation.</summary>
    public double LastStepScore { get; private set; }

    /// <summary>The current population (for tests, the benchmark's reference and the artifacts).</summary>
    public GpPopulation Population => _population;

    /// <summary>The generation's batch as pixel rows (pixel p of sample i at p · BatchSize + i), and its labels (for the benchmark's reference).</summary>
    public ReadOnlySpan<float> BatchRows => _batchRows;

    public ReadOnlySpan<int> BatchLabels => _batchLabels;

    /// <summary>Individual <paramref name="i"/>'s fitness on the generation's batch.</summary>
    public double Fitness(int i) => _fitness[i];

    public void Step()
    {
        Completed++;
        Evolve(Completed);
        ScorePopulation(Completed);
    }

    /// <summary>Keeps the elites, then makes every other child by crossover, mutation or copy of tournament winners.</summary>
    private void Evolve(int generation)
    {
        int population = _settings.Population;
        RankByFitness();
        int elites = (int)Math.Floor(_settings.EliteRatio * population);
        for (int e = 0; e < elites; e++)
            _next.CopyFrom(e, _population, _byFitness[e]);
        var random = new SplitMix64(Streams.Key(_context.Seed, Streams.GpVariation, (ulong)generation));
        for (int c = elites; c < population; c++)
        {
            double operation = random.NextDouble();
            int parent = Tournament(ref random);
            _next.CopyFrom(c, _population, parent);
            if (operation < _settings.Crossover + _settings.Mutation)
            {
                int k = random.NextInt(_classes);
                ReadOnlySpan<int> tree = _population.Tree(parent, k);
                int length = operation < _settings.Crossover
                    ? GpTrees.Crossover(tree, _population.Tree(Tournament(ref random), k), _next.Space(c, k), _settings.MaxDepth, ref random)
                    : GpTrees.Mutate(tree, _next.Space(c, k), _settings.MaxDepth, _pixels, ref random);
                _next.SetLength(c, k, length);
            }
        }
        (_population, _next) = (_next, _population);
    }

    /// <summary>Individuals by fitness, best first; equal fitness in index order (a stable sort, so the order is the same everywhere).</summary>
    private void RankByFitness()
    {
        for (int i = 0; i < _byFitness.Length; i++)
            _byFitness[i] = i;
        // The sort is introspective (unstable), so the comparison breaks ties by index.
        _byFitness.AsSpan().Sort(_compareFitness);
    }

    private int CompareFitness(int a, int b)
    {
        int order = _fitness[b].CompareTo(_fitness[a]);
        return order != 0 ? order : a.CompareTo(b);
    }

    /// <summary>The fittest of TournamentSize individuals drawn with replacement (the lower index among equals).</summary>
    private int Tournament(ref SplitMix64 random)
    {
        int best = random.NextInt(_settings.Population);
        for (int t = 1; t < _settings.TournamentSize; t++)
        {
            int other = random.NextInt(_settings.Population);
            if (_fitness[other] > _fitness[best] || (_fitness[other] == _fitness[best] && other < best))
                best = other;
        }
        return best;
    }

    /// <summary>Draws the generation's batch and scores every individual on it.</summary>
    private void ScorePopulation(int generation)
    {
        DrawBatch(generation);
        _workers.For(_settings.Population, _scoreOne);
        LastStepScore = TensorPrimitives.Max<double>(_fitness); // never NaN: a program that overflows scores −∞
    }

    /// <summary>BatchSize training examples without replacement (a partial shuffle keyed by the generation), as pixel rows.</summary>
    private void DrawBatch(int generation) =>
        PixelRows.Draw(_context.Train, _trainOrder, Streams.Key(_context.Seed, Streams.GpBatches, (ulong)generation), _batchRows, firstRow: 0, _batchLabels);

    private void ScoreOne(int worker, int individual)
    {
        double loss = MeanCrossEntropy(_interpreters[worker], individual, _batchRows, _batchLabels, _logits[worker], _scoreScratch[worker]);
        _fitness[individual] = double.IsFinite(loss) ? -loss : double.NegativeInfinity;
    }

    /// <summary>The individual's mean cross-entropy over the samples of <paramref name="rows"/> (pixel-major, one row per pixel), chunk by chunk.</summary>
    private double MeanCrossEntropy(GpInterpreter interpreter, int individual, ReadOnlySpan<float> rows, ReadOnlySpan<int> labels, float[] logits, float[] scratch)
    {
        int count = labels.Length;
        double total = 0;
        for (int start = 0; start < count; start += interpreter.Width)
        {
            int width = Math.Min(interpreter.Width, count - start);
            RunChunk(interpreter, individual, rows, count, start, width, logits);
            total += width * ClassRows.MeanCrossEntropy(logits.AsSpan(0, _classes * width), _classes, labels.Slice(start, width), scratch);
        }
        return total / count;
    }

    /// <summary>Logits (class-major) of the individual on samples start … start + width − 1.</summary>
    private void RunChunk(GpInterpreter interpreter, int individual, ReadOnlySpan<float> rows, int stride, int start, int width, float[] logits)
    {
        for (int k = 0; k < _classes; k++)
            interpreter.Run(_population.Tree(individual, k), rows[start..], stride, logits.AsSpan(k * width, width));
    }

    /// <summary>
    /// The generation's champion (the best fitness on the current batch): its accuracy on the batch and on the whole
    /// test set; its size (nodes over its trees) and depth (the deepest tree); the population's mean fitness and size.
    /// </summary>
    public IReadOnlyList<Metric> Evaluate()
    {
        int champion = Champion();
        // Evaluation runs between steps, so worker 0's interpreter and logits are free.
        GpInterpreter interpreter = _interpreters[0];
        float[] logits = _logits[0];
        ClassSubset test = _context.Test;
        float[] testRows = TestRows();
        double finite = 0, sizes = 0;
        int counted = 0;
        for (int i = 0; i < _settings.Population; i++)
        {
            sizes += _population.Size(i);
            if (double.IsFinite(_fitness[i]))
                (finite, counted) = (finite + _fitness[i], counted + 1);
        }
        return
        [
            new("generation", Completed),
            new("best_fitness", _fitness[champion]),
            new("population_mean_fitness", counted > 0 ? finite / counted : double.NegativeInfinity),
            new("train_accuracy", Accuracy(interpreter, champion, _batchRows, _batchLabels, logits)),
            new("test_accuracy", Accuracy(interpreter, champion, testRows, test.Labels, logits)),
            new("best_size", _population.Size(champion)),
            new("best_depth", _population.Depth(champion)),
            new("population_mean_size", sizes / _settings.Population),
        ];
    }

    /// <summary>The test set as pixel rows, built at the first evaluation and kept.</summary>
    private float[] TestRows() => _testRows ??= PixelRows.Of(_context.Test);

    private double Accuracy(GpInterpreter interpreter, int individual, ReadOnlySpan<float> rows, ReadOnlySpan<int> labels, float[] logits)
    {
        int count = labels.Length, correct = 0;
        for (int start = 0; start < count; start += interpreter.Width)
        {
            int width = Math.Min(interpreter.Width, count - start);
            RunChunk(interpreter, individual, rows, count, start, width, logits);
            correct += ClassRows.Correct(logits.AsSpan(0, _classes * width), _classes, labels.Slice(start, width));
        }
        return (double)correct / count;
    }

    private int Champion()
    {
        int champion = 0;
        for (int i = 1; i < _fitness.Length; i++)
            if (_fitness[i] > _fitness[champion])
                champion = i;
        return champion;
    }

    /// <summary>The champion's trees as expressions (gp-best-program.txt) and every individual in prefix tokens (gp-population.txt).</summary>
    public void WriteArtifacts(string directory)
    {
        int champion = Champion();
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"# generation {Completed}: the fittest individual ({_fitness[champion]:F4} on the last batch), {_population.Size(champion)} nodes; subtrees below depth {ShownDepth} as …\n"));
        for (int k = 0; k < _classes; k++)
            text.Append(CultureInfo.InvariantCulture, $"digit {_context.Train.Digits[k]}: {GpTrees.Format(_population.Tree(champion, k), ShownDepth)}\n");
        AtomicFile.WriteAllText(Path.Combine(directory, BestProgramFile), text.ToString());
        AtomicFile.WriteAllText(Path.Combine(directory, PopulationFile), _population.Format());
    }

    /// <summary>How deep the printed best program goes.</summary>
    public const int ShownDepth = 6;

    public const string BestProgramFile = "gp-best-program.txt", PopulationFile = "gp-population.txt";

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(Completed);
        writer.Write(LastStepScore);
        _population.Write(writer);
        foreach (double fitness in _fitness)
            writer.Write(fitness);
    }

    public void ReadState(BinaryReader reader)
    {
        Completed = reader.ReadInt32();
        LastStepScore = reader.ReadDouble();
        _population.Read(reader, _pixels);
        for (int i = 0; i < _fitness.Length; i++)
            _fitness[i] = reader.ReadDouble();
        // The batch is drawn from the generation; the elites and tournaments need only the fitness just read.
        DrawBatch(Completed);
    }

    public void Dispose() => _workers.Dispose();

    private static void Check(GpSettings settings, RunContext context)
    {
        if (settings.Population < 2)
            throw new EvoDslException($"the GP population is {settings.Population}; use at least 2");
        if (settings.BatchSize < 1 || settings.BatchSize > context.Train.Count)
            throw new EvoDslException($"the GP batch is {settings.BatchSize} images but the training set has {context.Train.Count}; use 1 to {context.Train.Count}");
        if (settings.TournamentSize < 1)
            throw new EvoDslException($"the GP tournament size is {settings.TournamentSize}; use at least 1 (Koza: 7)");
        if (!(settings.Crossover >= 0 && settings.Mutation >= 0 && settings.Crossover + settings.Mutation <= 1) || !(settings.EliteRatio is >= 0 and < 1))
            throw new EvoDslException($"the GP crossover {settings.Crossover} and mutation {settings.Mutation} must be chances summing to at most 1, the elite ratio {settings.EliteRatio} in [0, 1)");
        if (settings.InitialDepth < 1 || settings.MaxDepth < settings.InitialDepth || settings.MaxSize is < 1 or > GeneticProgrammingAttribute.LongestTree)
            throw new EvoDslException($"the GP depths (initial {settings.InitialDepth}, most {settings.MaxDepth}) and size ({settings.MaxSize}) must satisfy "
                                      + $"1 ≤ initial ≤ most and 1 ≤ size ≤ {GeneticProgrammingAttribute.LongestTree}");
        if ((long)settings.Population * context.Train.Classes * settings.MaxSize > Array.MaxLength)
            throw new EvoDslException($"the GP population ({settings.Population} × {context.Train.Classes} trees × {settings.MaxSize} nodes) does not fit in one array; lower Population or MaxSize");
        if (context.Train.Classes < 2)
            throw new EvoDslException("GP needs at least two classes to tell apart");
    }
}
