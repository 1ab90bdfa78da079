using System.Globalization;
using System.Text;
using EvoDsl.Data;
using EvoDsl.Kernels;
using EvoDsl.Training;

namespace EvoDsl.Wann;

/// <summary>
/// Weight-agnostic neural networks (Gaier &amp; Ha 2019; docs/wann.md): a population of topologies whose
/// connections all share one weight. Each generation every network is scored, on one batch of training
/// images, at each of the shared weights −2, −1, −0.5, 0.5, 1, 2: its fitness is the mean over the weights of
/// −cross-entropy, and the max is kept. The next generation is ranked by NSGA-II on (mean, 1 / connections),
/// or on (mean, max) with chance 1 − SizeObjective; the worst CullRatio are dropped, the best EliteRatio of the
/// rest copied, and every other child copies the better of two tournament winners and takes one topological
/// mutation. One <see cref="Step"/> is one generation; it allocates nothing once the genomes' arrays have grown.
/// Results are the same for any thread count: random streams are keyed by generation, and networks are scored
/// independently.
/// </summary>
public sealed class WannEvolution : ITrainer
{
    /// <summary>The shared weights every network is scored at (the reference's "standard" values).</summary>
    public static ReadOnlySpan<float> SharedWeights => [-2f, -1f, -0.5f, 0.5f, 1f, 2f];

    private readonly WannSettings _settings;
    private readonly RunContext _context;
    private readonly WorkerPool _workers;
    private readonly WannMutation _mutation;
    private readonly WannRanking _ranking;
    private readonly int _inputs;
    private readonly int _classes;
    private WannGenome[] _population;
    private WannGenome[] _next;
    private readonly double[] _meanFitness;
    private readonly double[] _maxFitness;
    private readonly double[] _secondObjective;
    private readonly int[] _order;
    private readonly int[] _trainOrder;
    private readonly float[] _batchRows;
    private readonly int[] _batchLabels;
    private readonly WannNetwork[] _networks;
    private readonly float[][] _computed;
    private readonly float[][] _scoreScratch;
    private readonly Action<int, int> _scoreOne;

    public WannEvolution(WannSettings settings, RunContext context)
    {
        Check(settings, context);
        _settings = settings;
        _context = context;
        _inputs = context.Train.Features;
        _classes = context.Train.Classes;
        int population = settings.Population;
        _population = NewPopulation(population);
        _next = NewPopulation(population);
        _meanFitness = new double[population];
        _maxFitness = new double[population];
        _secondObjective = new double[population];
        _order = new int[population];
        _ranking = new WannRanking(population);
        _trainOrder = new int[context.Train.Count];
        _batchRows = new float[(1 + _inputs) * settings.BatchSize];
        _batchRows.AsSpan(0, settings.BatchSize).Fill(1f); // the bias row
        _batchLabels = new int[settings.BatchSize];
        int workers = Math.Max(1, context.Threads);
        _networks = new WannNetwork[workers];
        _computed = new float[workers][];
        _scoreScratch = new float[workers][];
        for (int w = 0; w < workers; w++)
        {
            _networks[w] = new WannNetwork(_inputs, _classes);
            _computed[w] = new float[(_classes + 64) * settings.BatchSize];
            _scoreScratch[w] = new float[3 * settings.BatchSize];
        }
        _scoreOne = ScoreOne;

        int firstHidden = 1 + _inputs + _classes;
        _mutation = new WannMutation(
            new WannMutationRates(settings.AddConnection, settings.AddNode, settings.EnableConnection, settings.ChangeActivation),
            WannActivations.Classification, nextInnovation: (_inputs + 1) * _classes, nextNodeId: firstHidden);
        for (int i = 0; i < population; i++)
        {
            var random = new SplitMix64(Streams.Key(context.Seed, Streams.WannInitialPopulation, (ulong)i));
            _population[i].Initialize(settings.InitialConnections, ref random);
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

    /// <summary>Network-samples one generation scores: population × shared weights × batch.</summary>
    public long UnitsPerStep => (long)_settings.Population * SharedWeights.Length * _settings.BatchSize;

    /// <summary>The best mean fitness (−cross-entropy over the shared weights) of the generation.</summary>
    public double LastStepScore { get; private set; }

    public void Step()
    {
        Completed++;
        Evolve(Completed);
        ScorePopulation(Completed);
    }

    /// <summary>Ranks the scored population, keeps, copies and mutates it into the next one.</summary>
    private void Evolve(int generation)
    {
        int population = _settings.Population;
        var random = new SplitMix64(Streams.Key(_context.Seed, Streams.WannSelection, (ulong)generation));
        bool bySize = random.NextDouble() < _settings.SizeObjective;
        for (int i = 0; i < population; i++)
            _secondObjective[i] = bySize ? 1.0 / Math.Max(1, _population[i].EnabledConnections) : _maxFitness[i];
        _ranking.Rank(_meanFitness, _secondObjective, _order);

        int kept = population - (int)Math.Floor(_settings.CullRatio * population);
        int elites = (int)Math.Floor(_settings.EliteRatio * kept);
        for (int e = 0; e < elites; e++)
            _next[e].CopyFrom(_population[_order[e]]);
        for (int c = elites; c < population; c++)
        {
            int parent = Math.Min(Tournament(ref random, kept), Tournament(ref random, kept));
            _next[c].CopyFrom(_population[_order[parent]]);
            _mutation.Mutate(_next[c], ref random);
        }
        (_population, _next) = (_next, _population);
    }

    /// <summary>The best rank among TournamentSize drawn with replacement from the kept ranks 0..kept − 1.</summary>
    private int Tournament(ref SplitMix64 random, int kept)
    {
        int best = int.MaxValue;
        for (int t = 0; t < _settings.TournamentSize; t++)
            best = Math.Min(best, random.NextInt(kept));
        return best;
    }

    /// <summary>Draws the generation's batch and scores every network on it at every shared weight.</summary>
    private void ScorePopulation(int generation)
    {
        DrawBatch(generation);
        _workers.For(_settings.Population, _scoreOne);
        double best = double.NegativeInfinity;
        foreach (double fitness in _meanFitness)
            best = Math.Max(best, fitness);
        LastStepScore = best;
    }

    /// <summary>BatchSize training examples without replacement (a partial shuffle keyed by the generation), as rows after the bias row.</summary>
    private void DrawBatch(int generation) =>
        PixelRows.Draw(_context.Train, _trainOrder, Streams.Key(_context.Seed, Streams.WannBatches, (ulong)generation), _batchRows, firstRow: 1, _batchLabels);

    private void ScoreOne(int worker, int individual)
    {
        WannNetwork network = _networks[worker];
        network.Compile(_population[individual]);
        int batch = _settings.BatchSize;
        if (_computed[worker].Length < network.ComputedRows * batch)
            _computed[worker] = new float[2 * network.ComputedRows * batch]; // the networks grew: rare, amortised
        Span<float> computed = _computed[worker];
        double sum = 0, max = double.NegativeInfinity;
        foreach (float weight in SharedWeights)
        {
            network.Forward(weight, _batchRows, batch, computed);
            double reward = -ClassRows.MeanCrossEntropy(network.OutputRows(computed, batch), _classes, _batchLabels, _scoreScratch[worker]);
            sum += reward;
            max = Math.Max(max, reward);
        }
        _meanFitness[individual] = sum / SharedWeights.Length;
        _maxFitness[individual] = max;
    }

    /// <summary>
    /// The generation's champion (the best mean fitness) on the whole test set: its accuracy at each shared weight,
    /// their mean and best, and the ensemble's (the argmax of the softmax summed over the weights; the reference does
    /// not say how its ensemble combines them, docs/wann.md §8); its size; and the population's mean fitness and size.
    /// </summary>
    public IReadOnlyList<Metric> Evaluate()
    {
        int champion = Champion();
        WannGenome genome = _population[champion];
        var network = new WannNetwork(_inputs, _classes);
        network.Compile(genome);
        ClassSubset test = _context.Test;
        (double[] perWeight, double ensemble) = TestAccuracies(network, test);
        var metrics = new List<Metric>
        {
            new("generation", Completed),
            new("best_mean_fitness", _meanFitness[champion]),
            new("population_mean_fitness", _meanFitness.Average()),
            new("test_accuracy_mean_weight", perWeight.Average()),
            new("test_accuracy_std_weight", StandardDeviation(perWeight)),
            new("test_accuracy_best_weight", perWeight.Max()),
            new("test_accuracy_ensemble", ensemble),
            new("connections", genome.EnabledConnections),
            new("hidden_nodes", genome.NodeCount - genome.FixedNodes),
            new("population_mean_connections", _population.Average(g => g.EnabledConnections)),
            new("population_mean_hidden_nodes", _population.Average(g => g.NodeCount - g.FixedNodes)),
        };
        return metrics;
    }

    /// <summary>The shared weight at which the network scores best on the current training batch.</summary>
    private float BestSharedWeight(WannNetwork network)
    {
        int batch = _settings.BatchSize;
        var computed = new float[network.ComputedRows * batch];
        var scratch = new float[3 * batch];
        float best = SharedWeights[0];
        double bestLoss = double.PositiveInfinity;
        foreach (float weight in SharedWeights)
        {
            network.Forward(weight, _batchRows, batch, computed);
            double loss = ClassRows.MeanCrossEntropy(network.OutputRows(computed, batch), _classes, _batchLabels, scratch);
            if (loss < bestLoss)
                (best, bestLoss) = (weight, loss);
        }
        return best;
    }

    private int Champion()
    {
        int champion = 0;
        for (int i = 1; i < _meanFitness.Length; i++)
            if (_meanFitness[i] > _meanFitness[champion])
                champion = i;
        return champion;
    }

    private (double[] PerWeight, double Ensemble) TestAccuracies(WannNetwork network, ClassSubset test)
    {
        int count = test.Count;
        float[] rows = PixelRows.Of(test, firstRow: 1);
        rows.AsSpan(0, count).Fill(1f); // the bias row
        var computed = new float[network.ComputedRows * count];
        var summed = new float[_classes * count];
        var perWeight = new double[SharedWeights.Length];
        for (int w = 0; w < SharedWeights.Length; w++)
        {
            network.Forward(SharedWeights[w], rows, count, computed);
            ReadOnlySpan<float> outputs = network.OutputRows(computed, count);
            perWeight[w] = (double)ClassRows.Correct(outputs, _classes, test.Labels) / count;
            AddSoftmax(outputs, summed, count);
        }
        return (perWeight, (double)ClassRows.Correct(summed, _classes, test.Labels) / count);
    }

    private void AddSoftmax(ReadOnlySpan<float> outputs, Span<float> summed, int count)
    {
        for (int i = 0; i < count; i++)
        {
            float max = float.NegativeInfinity;
            for (int k = 0; k < _classes; k++)
                max = MathF.Max(max, outputs[k * count + i]);
            double total = 0;
            for (int k = 0; k < _classes; k++)
                total += Math.Exp(outputs[k * count + i] - max);
            for (int k = 0; k < _classes; k++)
                summed[k * count + i] += (float)(Math.Exp(outputs[k * count + i] - max) / total);
        }
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    /// <summary>Epochs, mini-batch and Adam's step for the champion's trained weights (the paper's 94.2% figure; docs/wann.md).</summary>
    public const int TrainingEpochs = 10, TrainingBatch = 100;
    public const float TrainingRate = 0.01f;

    /// <summary>
    /// The champion's genes (wann-champion.csv: its hidden nodes and connections) and the test accuracy of its
    /// topology with a weight per connection trained by Adam from its best shared weight (wann-trained-weights.csv).
    /// </summary>
    public void WriteArtifacts(string directory)
    {
        WannGenome genome = _population[Champion()];
        var network = new WannNetwork(_inputs, _classes);
        network.Compile(genome);
        float start = BestSharedWeight(network);
        double trained = new WannWeightTraining(network, start)
            .TrainAndTest(_context.Train, _context.Test, TrainingEpochs, Math.Min(TrainingBatch, _context.Train.Count), TrainingRate, _context.Seed);
        AtomicFile.WriteAllText(Path.Combine(directory, "wann-trained-weights.csv"), string.Create(CultureInfo.InvariantCulture,
            $"start_weight,epochs,batch,learning_rate,test_accuracy\n{start},{TrainingEpochs},{TrainingBatch},{TrainingRate},{trained}\n"));
        var text = new StringBuilder("kind,id,activation_or_source,destination,enabled\n");
        for (int i = genome.FixedNodes; i < genome.NodeCount; i++)
            text.Append(CultureInfo.InvariantCulture, $"node,{genome.NodeIds[i]},{genome.Activations[i]},,\n");
        for (int j = 0; j < genome.ConnectionCount; j++)
            text.Append(CultureInfo.InvariantCulture, $"connection,{genome.Innovations[j]},{genome.Sources[j]},{genome.Destinations[j]},{(genome.Enabled[j] ? 1 : 0)}\n");
        AtomicFile.WriteAllText(Path.Combine(directory, "wann-champion.csv"), text.ToString());
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(Completed);
        writer.Write(LastStepScore);
        writer.Write(_mutation.NextInnovation);
        writer.Write(_mutation.NextNodeId);
        for (int i = 0; i < _settings.Population; i++)
        {
            _population[i].Write(writer);
            writer.Write(_meanFitness[i]);
            writer.Write(_maxFitness[i]);
        }
    }

    public void ReadState(BinaryReader reader)
    {
        Completed = reader.ReadInt32();
        LastStepScore = reader.ReadDouble();
        _mutation.NextInnovation = reader.ReadInt32();
        _mutation.NextNodeId = reader.ReadInt32();
        for (int i = 0; i < _settings.Population; i++)
        {
            _population[i].Read(reader);
            _meanFitness[i] = reader.ReadDouble();
            _maxFitness[i] = reader.ReadDouble();
        }
    }

    public void Dispose() => _workers.Dispose();

    private WannGenome[] NewPopulation(int size)
    {
        var population = new WannGenome[size];
        for (int i = 0; i < size; i++)
            population[i] = new WannGenome(_inputs, _classes);
        return population;
    }

    private static void Check(WannSettings settings, RunContext context)
    {
        if (settings.Population < 2)
            throw new EvoDslException($"the WANN population is {settings.Population}; use at least 2 (the paper: 960)");
        if (settings.BatchSize < 1 || settings.BatchSize > context.Train.Count)
            throw new EvoDslException($"the WANN batch is {settings.BatchSize} images but the training set has {context.Train.Count}; use 1 to {context.Train.Count} (the paper: 1000)");
        if (settings.TournamentSize < 1)
            throw new EvoDslException($"the WANN tournament size is {settings.TournamentSize}; use at least 1 (the paper: 32)");
        if (!(settings.CullRatio is >= 0 and < 1) || !(settings.EliteRatio is >= 0 and <= 1))
            throw new EvoDslException($"the WANN cull ratio {settings.CullRatio} and elite ratio {settings.EliteRatio} must lie in [0, 1) and [0, 1] (the paper: 0.2 and 0.2)");
        if (context.Train.Classes < 2)
            throw new EvoDslException("WANN needs at least two classes to tell apart");
    }
}
