using System.Numerics.Tensors;
using EvoDsl.Data;
using EvoDsl.Training;
using EvoDsl.Kernels;
using EvoDsl.Metrics;

namespace EvoDsl.Nne;

/// <summary>
/// The state of one NNE run and the work of a generation (SPEC §1): the allele frequencies p_t,
/// the sampled population P_t, the fitness δ_x of each genotype, and the scratch each worker reuses.
/// Everything is allocated here, once; the per-generation methods allocate nothing. It is the trainer
/// a declaration's catalog entry creates (<see cref="Step"/> is one generation).
/// </summary>
/// <typeparam name="TSizes">The declaration's sizes as constants.</typeparam>
/// <typeparam name="TFitness">The per-sample reward averaged into δ_x.</typeparam>
public sealed class NneEvolution<TSizes, TFitness> : IPartitionedTrainer
    where TSizes : INneSizes
    where TFitness : struct, ISampleFitness
{
    private readonly RunContext _context;
    private readonly double _selection;
    private readonly EmptySide _emptySide;
    private readonly SparseRows _train;
    private readonly ActiveEdges _activeTrain;
    private readonly WorkerPool _workers;
    private readonly float[][] _weights;
    private readonly float[][] _hidden;
    private readonly float[][] _logits;
    private readonly double[] _present = new double[TSizes.Genes];
    private readonly double[] _absent = new double[TSizes.Genes];
    private readonly int[] _carriers = new int[TSizes.Genes];
    private readonly float[] _coefficients = new float[TSizes.Genes];
    private readonly Action<int, int> _sampleGenotype;
    private readonly Action<int, int> _evaluateGenotype;
    private readonly Action<int, int> _evaluateBlock;
    private readonly Action<int, int> _samplePartGenotype;
    private readonly Action<int, int> _evaluatePartBlock;
    private float[]? _partFitness;
    private int _firstPart;
    private readonly NneBlockEvaluation.Scratch[] _blockScratch;
    private readonly ChunkedScoring _scoring;

    private const int SamplesPerAccuracyChunk = 256;

    /// <param name="tileSize">Hidden units per tile; the benchmark of the first implementation passes the layer width.</param>
    /// <param name="chunkSize">Training samples per chunk of the block evaluation; tests pass a small one to cover several chunks.</param>
    /// <param name="width">The block evaluation's vectors; tests run both widths on any machine.</param>
    public NneEvolution(NneSettings settings, RunContext context, int tileSize = NneNetwork.DefaultTileSize,
        int chunkSize = ActiveEdges.DefaultChunkSize, VectorWidth width = VectorWidth.Widest)
    {
        CheckData(context.Train, "training");
        CheckData(context.Test, "test");
        _context = context;
        _selection = settings.Selection;
        _emptySide = settings.EmptySide;
        Network = NneNetwork.Create(TSizes.Inputs, TSizes.Hidden, TSizes.Classes, settings.EdgeProbability,
            TSizes.Genes, settings.GeneDensity, settings.WeightGain, context.Seed, tileSize);
        _train = SparseRows.FromDense(context.Train.Pixels, context.Train.Count, context.Train.Features);
        var test = SparseRows.FromDense(context.Test.Pixels, context.Test.Count, context.Test.Features);
        _activeTrain = new ActiveEdges(Network, _train, chunkSize);

        _workers = WorkerPool.ForThreads(context.Threads);
        int workers = _workers.Workers;
        _blockScratch = new NneBlockEvaluation.Scratch[workers];
        _weights = new float[workers][];
        _hidden = new float[workers][];
        _logits = new float[workers][];
        for (int w = 0; w < workers; w++)
        {
            _blockScratch[w] = new NneBlockEvaluation.Scratch(Network, _activeTrain, width);
            _weights[w] = new float[Network.Links];
            _hidden[w] = new float[TSizes.Hidden];
            _logits[w] = new float[TSizes.Classes];
        }
        _scoring = new ChunkedScoring(_workers, SamplesPerAccuracyChunk,
            new ScoredSamples(this, _train, context.Train.Labels), new ScoredSamples(this, test, context.Test.Labels));

        AlleleFrequencies = new double[TSizes.Genes];
        var initial = new SplitMix64(Streams.Key(context.Seed, Streams.InitialAlleles));
        for (int i = 0; i < AlleleFrequencies.Length; i++)
            AlleleFrequencies[i] = initial.NextDouble(); // p_1 ~ Uniform[0,1]^n

        Genotypes = new byte[TSizes.Population * TSizes.Genes];
        Fitness = new float[TSizes.Population];
        _sampleGenotype = SampleGenotype;
        _evaluateGenotype = EvaluateGenotype;
        _evaluateBlock = EvaluateBlock;
        _samplePartGenotype = (worker, i) => SampleGenotype(worker, _firstPart * NneBlockEvaluation.Lanes + i);
        _evaluatePartBlock = (worker, i) => EvaluateBlock(worker, _firstPart + i);
    }

    public NneNetwork Network { get; }

    /// <summary>p_t: the probability of allele 1 for each gene.</summary>
    public double[] AlleleFrequencies { get; }

    /// <summary>P_t: population × genes, one byte (0/1) per gene.</summary>
    public byte[] Genotypes { get; }

    /// <summary>δ_x of each genotype of the last evaluated population.</summary>
    public float[] Fitness { get; }

    /// <summary>Generations completed.</summary>
    public int Generation { get; private set; }

    /// <summary>Mean δ_x over the last population.</summary>
    public double MeanFitness { get; private set; }

    /// <summary>One generation: sample P_t from p_t, evaluate δ_x on S, weak-selection update of p (eq. 3).</summary>
    public void Step()
    {
        SamplePopulation();
        EvaluatePopulation();
        SelectAlleles(_selection);
    }

    public int Completed => Generation;

    /// <summary>Genotype-samples: N·|S|.</summary>
    public long UnitsPerStep => (long)TSizes.Population * TSizes.TrainSize;

    /// <summary>The mean fitness δ of the last generation.</summary>
    public double LastStepScore => MeanFitness;

    /// <summary>A block of 64 genotypes: its sampling and evaluation (<see cref="IPartitionedTrainer"/>).</summary>
    public int Parts => Blocks;

    public int ResultsPerPart => NneBlockEvaluation.Lanes;

    /// <summary>p_t, the only state a block of generation t needs besides the declaration, seed and data.</summary>
    public double[] PartState() => (double[])AlleleFrequencies.Clone();

    /// <summary>Samples and evaluates blocks [first, first + count) of generation <paramref name="step"/> from p = <paramref name="state"/>.</summary>
    public void ComputeParts(int step, ReadOnlySpan<double> state, int first, int count, Span<float> results)
    {
        if (state.Length != TSizes.Genes)
            throw new ArgumentException($"p has {state.Length} genes, this network {TSizes.Genes}", nameof(state));
        if (first < 0 || count < 1 || first + count > Blocks)
            throw new ArgumentOutOfRangeException(nameof(count), $"blocks {first}..{first + count - 1} of {Blocks}");
        if (results.Length != count * NneBlockEvaluation.Lanes)
            throw new ArgumentException($"{results.Length} results for {count} blocks of {NneBlockEvaluation.Lanes}", nameof(results));
        state.CopyTo(AlleleFrequencies);
        Generation = step;
        _firstPart = first;
        int genotypes = Math.Min(count * NneBlockEvaluation.Lanes, TSizes.Population - first * NneBlockEvaluation.Lanes);
        _workers.For(genotypes, _samplePartGenotype);
        _workers.For(count, _evaluatePartBlock);
        results.Clear();
        Fitness.AsSpan(first * NneBlockEvaluation.Lanes, genotypes).CopyTo(results);
    }

    /// <summary>One generation whose blocks <paramref name="compute"/> evaluates: P_t is sampled here too, for eq. 3's rewards.</summary>
    public void Step(ComputeParts compute)
    {
        SamplePopulation();
        _partFitness ??= new float[Blocks * NneBlockEvaluation.Lanes];
        compute(Generation, PartState(), _partFitness);
        _partFitness.AsSpan(0, TSizes.Population).CopyTo(Fitness);
        SumMeanFitness();
        SelectAlleles(_selection);
    }

    /// <summary>Draws P_t: x(i) ~ Bernoulli(p_t(i)), one random stream per (generation, genotype).</summary>
    public void SamplePopulation() => _workers.For(TSizes.Population, _sampleGenotype);

    /// <summary>
    /// Computes δ_x = (1/|S|) Σ_s fitness(NNE_x(y_s), ℓ(y_s)) for every genotype of P_t, 64 genotypes
    /// at a time (<see cref="NneBlockEvaluation"/>), blocks shared out over the workers.
    /// </summary>
    public void EvaluatePopulation()
    {
        _workers.For(Blocks, _evaluateBlock);
        SumMeanFitness();
    }

    /// <summary>
    /// The first implementation, one genotype at a time through the scalar forward pass: the
    /// reference the block evaluation is tested and benchmarked against. Same δ within float rounding.
    /// </summary>
    public void EvaluatePopulationReference()
    {
        _workers.For(TSizes.Population, _evaluateGenotype);
        SumMeanFitness();
    }

    private static int Blocks => (TSizes.Population + NneBlockEvaluation.Lanes - 1) / NneBlockEvaluation.Lanes;

    private void SumMeanFitness()
    {
        double total = 0;
        foreach (float delta in Fitness)
            total += delta;
        MeanFitness = total / TSizes.Population;
    }

    /// <summary>Rewards f, f̄ and the weak-selection update of p (eq. 3); ends the generation.</summary>
    public void SelectAlleles(double selection)
    {
        WeakSelection.Rewards(Genotypes, Fitness, _present, _absent, _carriers, _emptySide);
        WeakSelection.Update(AlleleFrequencies, _present, _absent, selection);
        Generation++;
    }

    /// <summary>Accuracy on the training or test set of the network with weights W·round(p) or W·p (mean field).</summary>
    public double Accuracy(bool testSet, bool meanField)
    {
        for (int i = 0; i < TSizes.Genes; i++)
        {
            double p = AlleleFrequencies[i];
            _coefficients[i] = meanField ? (float)p : p >= 0.5 ? 1f : 0f;
        }
        Network.ComputeWeights(_coefficients, _weights[0]);
        ScoreTotals totals = _scoring.Score(testSet);
        return (double)totals.Correct / totals.Examples;
    }

    /// <summary>
    /// The periodic measurements: train and test accuracy of W·round(p), test accuracy of the mean-field
    /// network W·p, and how many alleles have (nearly) fixed — the Fig. 2 statistic at x = 0.05.
    /// </summary>
    /// <remarks>Also records the whole Fig. 2 curve of this generation (<see cref="AlleleCurves"/>).</remarks>
    public IReadOnlyList<Metric> Evaluate()
    {
        _alleleCurves.RemoveAll(c => c.Generation >= Generation); // an evaluation repeated after a resume replaces the earlier one
        _alleleCurves.Add((Generation, AlleleConvergence.Curve(AlleleFrequencies)));
        return
        [
            new("generation", Generation),
            new("mean_fitness", MeanFitness),
            new("train_accuracy", Accuracy(testSet: false, meanField: false)),
            new("test_accuracy", Accuracy(testSet: true, meanField: false)),
            new("test_accuracy_mean_field", Accuracy(testSet: true, meanField: true)),
            new("alleles_within_0.05", AlleleConvergence.FractionWithin(AlleleFrequencies, 0.05)),
        ];
    }

    /// <summary>The Fig. 2 curve at every evaluated generation, in order (kept in the checkpoint).</summary>
    public IReadOnlyList<(int Generation, double[] Curve)> AlleleCurves => _alleleCurves;

    private readonly List<(int Generation, double[] Curve)> _alleleCurves = [];

    /// <summary>
    /// Writes the Fig. 2 curve now (alleles.csv) and at every evaluated generation (alleles-by-generation.csv),
    /// and the allele frequencies themselves (allele-frequencies.csv).
    /// </summary>
    public void WriteArtifacts(string directory)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, "alleles.csv"), AlleleConvergence.CurveCsv(AlleleFrequencies));
        AtomicFile.WriteAllText(Path.Combine(directory, AlleleConvergence.HistoryFile), AlleleConvergence.HistoryCsv(_alleleCurves));
        var frequencies = new System.Text.StringBuilder("gene,p\n");
        for (int i = 0; i < AlleleFrequencies.Length; i++)
            frequencies.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{AlleleFrequencies[i]:R}\n");
        AtomicFile.WriteAllText(Path.Combine(directory, "allele-frequencies.csv"), frequencies.ToString());
    }

    /// <summary>The generation count, the allele frequencies (bit for bit), the last mean fitness, then the recorded Fig. 2 curves.</summary>
    public void WriteState(BinaryWriter writer)
    {
        AlleleState.Write(writer, Generation, MeanFitness, AlleleFrequencies);
        writer.Write(_alleleCurves.Count);
        foreach ((int generation, double[] curve) in _alleleCurves)
        {
            writer.Write(generation);
            BinaryState.Write<double>(writer, curve);
        }
    }

    public void ReadState(BinaryReader reader)
    {
        (Generation, MeanFitness) = AlleleState.Read(reader, AlleleFrequencies);
        int count = reader.ReadInt32();
        if (count < 0 || count > Generation + 1)
            throw new UnreadableCheckpointException($"the checkpoint records {count} allele curves for {Generation} generations; it is damaged");
        _alleleCurves.Clear();
        for (int i = 0; i < count; i++)
        {
            int generation = reader.ReadInt32();
            var curve = new double[AlleleConvergence.CurvePoints];
            BinaryState.Read<double>(reader, curve, "allele curve");
            _alleleCurves.Add((generation, curve));
        }
    }

    private void SampleGenotype(int worker, int genotype)
    {
        var random = new SplitMix64(Streams.Key(_context.Seed, Streams.Population, (ulong)Generation, (ulong)genotype));
        Span<byte> x = Genotypes.AsSpan(genotype * TSizes.Genes, TSizes.Genes);
        for (int i = 0; i < x.Length; i++)
            x[i] = random.NextDouble() < AlleleFrequencies[i] ? (byte)1 : (byte)0;
    }

    private void EvaluateBlock(int worker, int block)
    {
        NneBlockEvaluation.Scratch scratch = _blockScratch[worker];
        int first = block * NneBlockEvaluation.Lanes;
        int lanes = Math.Min(NneBlockEvaluation.Lanes, TSizes.Population - first);
        NneBlockEvaluation.ComputeWeights(Network, Genotypes.AsSpan(first * TSizes.Genes, lanes * TSizes.Genes), lanes, scratch);
        NneBlockEvaluation.SumFitness<TSizes, TFitness>(Network, _context.Train.Labels, lanes, scratch);
        for (int lane = 0; lane < lanes; lane++)
            Fitness[first + lane] = scratch.FitnessSum[lane] / TSizes.TrainSize;
    }

    private void EvaluateGenotype(int worker, int genotype)
    {
        float[] weights = _weights[worker];
        float[] hidden = _hidden[worker];
        float[] logits = _logits[worker];
        Network.ComputeWeights(Genotypes.AsSpan(genotype * TSizes.Genes, TSizes.Genes), weights);
        int[] labels = _context.Train.Labels;
        float sum = 0f;
        for (int s = 0; s < TSizes.TrainSize; s++)
        {
            NneForward.Logits<TSizes>(Network, weights, _train.ColumnsOf(s), _train.ValuesOf(s), hidden, logits);
            sum += TFitness.Evaluate(logits, labels[s]);
        }
        Fitness[genotype] = sum / TSizes.TrainSize;
    }

    /// <summary>
    /// A training or test set through the network of worker 0's weights (set by <see cref="Accuracy"/>, shared
    /// read-only); each worker keeps its own hidden/logit scratch. Only accuracy is measured: the loss is 0.
    /// </summary>
    private sealed class ScoredSamples(NneEvolution<TSizes, TFitness> evolution, SparseRows rows, int[] labels) : IScoredExamples
    {
        public int Count => rows.Rows;

        public ExampleScore Score(int worker, int sample)
        {
            float[] logits = evolution._logits[worker];
            NneForward.Logits<TSizes>(evolution.Network, evolution._weights[0], rows.ColumnsOf(sample), rows.ValuesOf(sample), evolution._hidden[worker], logits);
            return new ExampleScore(TensorPrimitives.IndexOfMax<float>(logits) == labels[sample], 0f);
        }
    }


    private static void CheckData(ClassSubset data, string role)
    {
        if (data.Features != TSizes.Inputs)
            throw new EvoDslException($"the {role} data has {data.Features} pixels per image but the experiment declares {TSizes.Inputs} inputs; use a data set with 28×28 images");
        if (data.Classes != TSizes.Classes)
            throw new EvoDslException($"the {role} data has {data.Classes} classes but the experiment declares {TSizes.Classes}");
        if (role == "training" && data.Count != TSizes.TrainSize)
            throw new EvoDslException($"the training set has {data.Count} examples but the experiment declares {TSizes.TrainSize} ({TSizes.Classes} classes × TrainPerClass)");
    }

    public void Dispose() => _workers.Dispose();
}
