using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using EvoDsl.Gp;
using EvoDsl.Training;

namespace EvoDsl.Benchmarks;

[Experiment("bench-gp-mnist256")]
[Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All, Images = MnistImages.Deskewed16)]
[GeneticProgramming(Population = PaperScaleGp.Population, BatchSize = PaperScaleGp.BatchSize)]
public partial class PaperScaleGp
{
    public const int Population = 1000, BatchSize = 1000;
}

// For the regression gate: no crossover or mutation, only copies, so after the warm-up the population is copies of a few
// programs whose size no longer changes, and a change in the interpreter or the selection shows as a change in time.
[Experiment("bench-gp-copies")]
[Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All, Images = MnistImages.Deskewed16)]
[GeneticProgramming(Population = 200, BatchSize = 500, Crossover = 0, Mutation = 0)]
public partial class CopyingGp;

/// <summary>One generation of <see cref="CopyingGp"/> on 2 threads: the gate's GP benchmark.</summary>
[MemoryDiagnoser]
public class GpGenerationBenchmarks
{
    private ITrainer _gp = null!;

    [GlobalSetup]
    public void Setup()
    {
        _gp = BenchmarkData.Create(CopyingGp.Descriptor, threads: 2);
        for (int g = 0; g < 50; g++)
            _gp.Step();
    }

    [GlobalCleanup]
    public void Cleanup() => _gp.Dispose();

    [Benchmark]
    [GenotypeSamples(200L * 500)]
    public object? CopyingGeneration() => BenchmarkData.Generation(_gp);
}

/// <summary>
/// One GP generation at gp-mnist256's scale (1000 individuals of 10 trees × 1000 images of 256 pixels), after
/// <see cref="WarmUpGenerations"/> generations on real MNIST so the programs have grown as in a run. Setup writes the
/// population, the batch and the fitness EvoDsl computed into <see cref="ReferenceDirectory"/>, where
/// benchmarks/reference/gp_numpy.py evaluates the same programs on the same images with NumPy
/// (benchmarks/gp-reference.sh runs both and prints the ratio).
/// </summary>
[MemoryDiagnoser]
public class GpBenchmarks
{
    private const int WarmUpGenerations = 300;

    /// <summary>Where setup leaves the programs for the NumPy reference.</summary>
    public static string ReferenceDirectory => Path.Combine(Environment.GetEnvironmentVariable("EVODSL_GP_REFERENCE") ?? Path.GetTempPath(), "evodsl-gp-reference");

    private GpEvolution _gp = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _gp = (GpEvolution)BenchmarkData.Create(PaperScaleGp.Descriptor, Threads);
        for (int g = 0; g < WarmUpGenerations; g++)
            _gp.Step();
        WriteReference(_gp);
        IReadOnlyList<Metric> metrics = _gp.Evaluate();
        Console.WriteLine($"// GP after {WarmUpGenerations} generations: mean {metrics.Single(m => m.Name == "population_mean_size").Value:F1} nodes per individual; " +
                          $"programs for the NumPy reference in {ReferenceDirectory}");
    }

    [GlobalCleanup]
    public void Cleanup() => _gp.Dispose();

    /// <summary>One generation: elites, tournaments, crossover and mutation, then every individual on the batch.</summary>
    [Benchmark]
    [GenotypeSamples((long)PaperScaleGp.Population * PaperScaleGp.BatchSize)]
    public object? Generation() => BenchmarkData.Generation(_gp);

    /// <summary>gp-population.txt (prefix tokens), gp-batch.bin (int32 pixels, int32 count, float32 rows, int32 labels) and gp-fitness.txt.</summary>
    public static void WriteReference(GpEvolution gp)
    {
        string directory = ReferenceDirectory;
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, GpEvolution.PopulationFile), gp.Population.Format());
        int count = gp.BatchLabels.Length;
        using (var writer = new BinaryWriter(File.Create(Path.Combine(directory, "gp-batch.bin"))))
        {
            writer.Write(gp.BatchRows.Length / count);
            writer.Write(count);
            foreach (float value in gp.BatchRows)
                writer.Write(value);
            foreach (int label in gp.BatchLabels)
                writer.Write(label);
        }
        var fitness = new StringBuilder();
        for (int i = 0; i < gp.Population.Individuals; i++)
            fitness.Append(gp.Fitness(i).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        File.WriteAllText(Path.Combine(directory, "gp-fitness.txt"), fitness.ToString());
    }
}
