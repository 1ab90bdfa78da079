using EvoDsl.Tests.Data;
using EvoDsl.Tests.Hosting;
using Xunit;

namespace EvoDsl.Tests.Golden;

// One small declaration of every learning system and variant (the NNE ones, the neurashed ones and
// NNE + SignSGD are declared beside their own tests), run here through the catalog and the runner.

[Experiment("golden-dnn")] [Mnist(Digits = "0-2", TrainPerClass = MnistAttribute.All)] [RandomLayer(40)]
[Dopaminergic(Threshold = 0.75, Rate = 0.01, PostSynaptic = PostSynapticFiring.LowError)] [Run(Epochs = 3, EvaluateEvery = 1)]
public partial class GoldenDnn;

[Experiment("golden-dnn-kcap")] [Mnist(Digits = "0-2", TrainPerClass = MnistAttribute.All)] [RandomLayer(60, KCap = 8)]
[Dopaminergic(Threshold = 0.75, Rate = 0.01)] [Run(Epochs = 3, EvaluateEvery = 1)]
public partial class GoldenDnnKCap;

[Experiment("golden-signsgd")] [Mnist(Digits = "0-2", TrainPerClass = MnistAttribute.All)] [RandomLayer(40)]
[SignSgd(LearningRate = 0.001, BatchSize = 7)] [Run(Epochs = 3, EvaluateEvery = 1)]
public partial class GoldenSignSgd;

[Experiment("golden-adam")] [Mnist(Digits = "0-2", TrainPerClass = MnistAttribute.All)] [RandomLayer(40, KCap = 10)]
[Sgd(Optimizer = Optimizer.Adam, LearningRate = 0.01, BatchSize = 7)] [Run(Epochs = 3, EvaluateEvery = 1)]
public partial class GoldenAdam;

[Experiment("golden-sparse-sgd")] [Mnist(Digits = "0-2", TrainPerClass = 12)] [HiddenLayer(24, EdgeProbability = 0.2)]
[Sgd(Optimizer = Optimizer.Adam, LearningRate = 0.01, BatchSize = 6)] [Run(Epochs = 3, EvaluateEvery = 1)]
public partial class GoldenSparseSgd;

/// <summary>
/// The metrics every learning system writes, pinned: a refactoring of the systems, the generator or the
/// runner must leave each run's metrics.csv (without its wall-clock column) identical to the approved
/// file in Golden/. A run whose numbers change on purpose is re-approved by setting EVODSL_APPROVE=1 and
/// running this class, which writes the files for review.
/// </summary>
public sealed class GoldenMetricsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Each experiment with the runner options it runs under; NNE + SignSGD after the NNE run it starts from.</summary>
    public static TheoryData<string, string[]> Runs => new()
    {
        { "test-nne-tiny", ["--generations", "6", "--evaluate-every", "2"] },
        { "test-nne-hook", ["--generations", "4", "--evaluate-every", "2"] },
        { "test-nne-tiny-signsgd", [] },
        { "golden-dnn", [] },
        { "golden-dnn-kcap", [] },
        { "golden-signsgd", [] },
        { "golden-adam", [] },
        { "golden-sparse-sgd", [] },
        { "test-neurashed-figure5", ["--iterations", "60", "--evaluate-every", "20"] },
        { "test-neurashed-hook", ["--iterations", "30", "--evaluate-every", "10"] },
        { "test-neurashed-tiny-random", ["--iterations", "100", "--evaluate-every", "50"] },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void MetricsAreTheApprovedOnes(string experiment, string[] options)
    {
        string results = _folder.File("results");
        string data = _folder.File("data");
        RunSafetyTests.WriteData(data, seed: 1);
        bool declaredInputs = experiment.StartsWith("test-neurashed", StringComparison.Ordinal);
        string[] source = declaredInputs ? [] : ["--data", data];
        if (experiment == "test-nne-tiny-signsgd")
            Assert.Equal(0, Host.Run(["run", "test-nne-tiny", .. source, "--out", Path.Combine(results, "test-nne-tiny"), "--generations", "3"]).ExitCode);

        (int code, string output) = Host.Run(["run", experiment, .. source, "--out", Path.Combine(results, experiment), "--threads", "2", .. options]);

        Assert.True(code == 0, output);
        string metrics = Host.WithoutSeconds(File.ReadAllText(Path.Combine(results, experiment, "metrics.csv")));
        string approved = Path.Combine(SourceDirectory(), experiment + ".metrics.csv");
        if (Environment.GetEnvironmentVariable("EVODSL_APPROVE") == "1")
        {
            File.WriteAllText(approved, metrics);
            return;
        }
        Assert.True(File.Exists(approved), $"no approved metrics for '{experiment}' at {approved}; run this test with EVODSL_APPROVE=1, review the file and commit it");
        Assert.Equal(File.ReadAllText(approved), metrics);
    }

    /// <summary>This folder in the source tree (approved files are committed beside the test).</summary>
    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
