using System.Runtime.Intrinsics;
using System.Diagnostics;
using System.Globalization;
using EvoDsl.Baselines;
using EvoDsl.Data;
using EvoDsl.Dnn;
using EvoDsl.Hosting;
using Xunit;

namespace EvoDsl.Tests.Dnn;

/// <summary>
/// The measurements behind docs/dnn.md, on real MNIST 0-9 (60,000 train, 10,000 test). Explicit:
/// they take minutes. Run one with
/// <c>tests/EvoDsl.Tests/bin/Release/net10.0/EvoDsl.Tests -explicit only -showLiveOutput -method 'EvoDsl.Tests.Dnn.DnnMeasurements.NAME'</c>;
/// each line also goes to $EVODSL_MEASURE_LOG (default /tmp/evodsl-dnn-measure.log).
/// EVODSL_MEASURE_SECONDS caps each run's training time (default 200), EVODSL_MEASURE_EPOCHS its epochs.
/// </summary>
[Trait("Category", "Measurement")]
public sealed class DnnMeasurements(ITestOutputHelper output)
{
    private static readonly Lazy<(LabeledImages Train, LabeledImages Test)> Images =
        new(() => ImageDataset.Load(Mnist.EnsureAvailable(cacheOption: null)));

    private static RunContext FullMnist(int trainPerClass = 0, int threads = 2) =>
        RunContext.From(new DataSettings("0-9", trainPerClass), Images.Value.Train, Images.Value.Test, seed: 1, threads, "MNIST");

    private static double Seconds => double.Parse(Environment.GetEnvironmentVariable("EVODSL_MEASURE_SECONDS") ?? "200", CultureInfo.InvariantCulture);
    private static int Epochs => int.Parse(Environment.GetEnvironmentVariable("EVODSL_MEASURE_EPOCHS") ?? "500", CultureInfo.InvariantCulture);

    private void Log(string line)
    {
        output.WriteLine(line);
        File.AppendAllText(Environment.GetEnvironmentVariable("EVODSL_MEASURE_LOG") ?? "/tmp/evodsl-dnn-measure.log", line + "\n");
    }

    /// <summary>Trains until the epoch or time budget runs out, evaluating at epochs 0, 1, 2, 5, 10, 20, … and at the end.</summary>
    private double Run(string name, Func<ITrainer> create, int? epochs = null, double? seconds = null, Func<ITrainer, string>? describe = null)
    {
        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var build = Stopwatch.StartNew();
        using ITrainer trainer = create();
        double buildSeconds = build.Elapsed.TotalSeconds;
        long memory = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        Log($"## {name}: built in {buildSeconds:F2} s, {memory / (1 << 20)} MiB held {describe?.Invoke(trainer)}");
        int maxEpochs = epochs ?? Epochs;
        double budget = seconds ?? Seconds;
        double trainSeconds = 0;
        double accuracy = Report(trainer, 0, 0);
        while (trainer.Completed < maxEpochs && trainSeconds < budget)
        {
            var clock = Stopwatch.StartNew();
            trainer.Step();
            double s = clock.Elapsed.TotalSeconds;
            trainSeconds += s;
            int e = trainer.Completed;
            bool report = e is 1 or 2 or 5 or 10 or 20 or 50 or 100 or 200 or 300 or 400 or 500 || e == maxEpochs || trainSeconds >= budget;
            if (report)
                accuracy = Report(trainer, s, trainSeconds);
        }
        return accuracy;
    }

    private double Report(ITrainer trainer, double stepSeconds, double totalSeconds)
    {
        IReadOnlyList<Metric> metrics = trainer.Evaluate();
        double test = metrics.Single(m => m.Name == "test_accuracy").Value;
        double train = metrics.Single(m => m.Name == "train_accuracy").Value;
        string rate = stepSeconds > 0 ? $"{trainer.UnitsPerStep / stepSeconds:N0} ex/s" : "-";
        Log(string.Create(CultureInfo.InvariantCulture,
            $"epoch {trainer.Completed,4}  train_loss(epoch) {trainer.LastStepScore,8:F4}  train_acc {train:P2}  test_acc {test:P2}  epoch {stepSeconds:F3} s ({rate})  total {totalSeconds:F1} s"));
        return test;
    }

    private static string FeatureInfo(RandomFeatures f) => string.Create(CultureInfo.InvariantCulture,
        $"(layer {f.LayerSeconds:F2} s / {f.LayerBytes >> 20} MiB; features train {f.Train.BuildSeconds:F2} s, test {f.Test.BuildSeconds:F2} s, " +
        $"{(double)f.Train.NonZeros / f.Train.Rows:F1} active/example, {(f.Train.Bytes + f.Test.Bytes) >> 20} MiB)");

    private static RandomLayerSettings H1000 => new(1000, 0);

    /// <summary>The four pre/post combinations, each at three rates ε1 (Binary's pre_i = 1 is ~3× the mean activity, so the best ε1 differs), 10 epochs.</summary>
    [Fact(Explicit = true)]
    public void DnnVariants()
    {
        RunContext context = FullMnist();
        foreach (PostSynapticFiring post in new[] { PostSynapticFiring.LowError, PostSynapticFiring.Winner })
            foreach (double threshold in post == PostSynapticFiring.Winner ? new[] { 0.75, 2.3 } : new[] { 0.75 })
                foreach (PreSynapticSignal pre in new[] { PreSynapticSignal.Activity, PreSynapticSignal.Binary })
                    foreach (double rate in new[] { 1e-2, 1e-3, 1e-4 })
                        Run($"DNN h=1000 pre={pre} post={post} ε0={threshold} ε1={rate}", () => new DopaminergicTraining(new(H1000, threshold, rate, post, pre), context), epochs: 10);
    }

    /// <summary>The default variant's threshold ε0, 10 epochs.</summary>
    [Fact(Explicit = true)]
    public void DnnThresholds()
    {
        RunContext context = FullMnist();
        foreach (double threshold in new[] { 0.1, 0.25, 0.75, 1.5, 2.3 })
            Run($"DNN h=1000 LowError/Activity ε0={threshold} ε1=0.001", () => new DopaminergicTraining(new(H1000, threshold, 0.001, PostSynapticFiring.LowError, PreSynapticSignal.Activity), context), epochs: 10);
    }

    [Fact(Explicit = true)]
    public void Dnn()
    {
        RunContext context = FullMnist();
        Run("DNN h=1000 (defaults)", () => new DopaminergicTraining(new(H1000, 0.75, 0.001, PostSynapticFiring.LowError, PreSynapticSignal.Activity), context),
            describe: t => FeatureInfo(((DopaminergicTraining)t).Features));
    }

    [Fact(Explicit = true)]
    public void SignSgd()
    {
        RunContext context = FullMnist();
        double rate = double.Parse(Environment.GetEnvironmentVariable("EVODSL_MEASURE_RATE") ?? "0.001", CultureInfo.InvariantCulture);
        int batch = int.Parse(Environment.GetEnvironmentVariable("EVODSL_MEASURE_BATCH") ?? "100", CultureInfo.InvariantCulture);
        Run($"SignSGD h=1000 η={rate} B={batch}", () => new SignSgdTraining(new(H1000, rate, batch), context),
            describe: t => FeatureInfo(((SignSgdTraining)t).Features));
    }

    [Fact(Explicit = true)]
    public void SignSgdRates()
    {
        RunContext context = FullMnist();
        foreach (double rate in new[] { 1e-4, 1e-3, 1e-2 })
            foreach (int batch in new[] { 50, 100 })
                Run($"SignSGD h=1000 η={rate} B={batch}", () => new SignSgdTraining(new(H1000, rate, batch), context), epochs: 10);
    }

    [Fact(Explicit = true)]
    public void Adam()
    {
        RunContext context = FullMnist();
        double rate = double.Parse(Environment.GetEnvironmentVariable("EVODSL_MEASURE_RATE") ?? "0.001", CultureInfo.InvariantCulture);
        int batch = int.Parse(Environment.GetEnvironmentVariable("EVODSL_MEASURE_BATCH") ?? "100", CultureInfo.InvariantCulture);
        Run($"Adam h=1000 η={rate} B={batch}", () => new OutputLayerSgdTraining(new(H1000, Optimizer.Adam, rate, batch), context),
            describe: t => FeatureInfo(((OutputLayerSgdTraining)t).Features));
    }

    [Fact(Explicit = true)]
    public void AdamRates()
    {
        RunContext context = FullMnist();
        foreach (double rate in new[] { 1e-4, 1e-3, 1e-2 })
            Run($"Adam h=1000 η={rate} B=100", () => new OutputLayerSgdTraining(new(H1000, Optimizer.Adam, rate, 100), context), epochs: 10);
    }

    /// <summary>h = 100,000 with a k-cap of 256 (paper §4 item 5): feature time and memory, then a few epochs of each trainer.</summary>
    [Fact(Explicit = true)]
    public void KCap100k()
    {
        RunContext context = FullMnist();
        var layer = new RandomLayerSettings(100_000, 256);
        int epochs = int.Parse(Environment.GetEnvironmentVariable("EVODSL_MEASURE_EPOCHS") ?? "10", CultureInfo.InvariantCulture);
        string trainers = Environment.GetEnvironmentVariable("EVODSL_MEASURE_TRAINERS") ?? "dnn,sign-sgd,adam";
        if (trainers.Contains("dnn"))
            Run("DNN h=100000 k=256", () => new DopaminergicTraining(new(layer, 0.75, 0.001, PostSynapticFiring.LowError, PreSynapticSignal.Activity), context), epochs,
            describe: t => FeatureInfo(((DopaminergicTraining)t).Features));
        if (trainers.Contains("sign-sgd"))
            Run("SignSGD h=100000 k=256 η=0.0001 B=100", () => new SignSgdTraining(new(layer, 0.0001, 100), context), epochs,
            describe: t => FeatureInfo(((SignSgdTraining)t).Features));
        if (trainers.Contains("adam"))
            Run("Adam h=100000 k=256 η=0.001 B=100", () => new OutputLayerSgdTraining(new(layer, Optimizer.Adam, 0.001, 100), context), epochs,
            describe: t => FeatureInfo(((OutputLayerSgdTraining)t).Features));
    }

    /// <summary>NNE (a short run, N = 100) on MNIST 0-9 with 200 training images per digit, then NNE + SignSGD from its p.</summary>
    [Fact(Explicit = true)]
    public void NneThenSignSgd()
    {
        int generations = int.Parse(Environment.GetEnvironmentVariable("EVODSL_MEASURE_GENERATIONS") ?? "200", CultureInfo.InvariantCulture);
        RunContext context = RunContext.From(MeasureNne.Descriptor.Data!, Images.Value.Train, Images.Value.Test, seed: 1, 2, "MNIST");
        var clock = Stopwatch.StartNew();
        double[] p;
        using (var nne = MeasureNne.Descriptor.Create(context))
        {
            for (int g = 0; g < generations; g++)
                nne.Step();
            IReadOnlyList<Metric> metrics = nne.Evaluate();
            Log($"## NNE {generations} generations in {clock.Elapsed.TotalSeconds:F0} s: test_accuracy (W·round(p)) {metrics.Single(m => m.Name == "test_accuracy").Value:P2}");
            string directory = Directory.CreateTempSubdirectory("evodsl-nne-").FullName;
            nne.WriteArtifacts(directory);
            p = File.ReadAllLines(Path.Combine(directory, "allele-frequencies.csv")).Skip(1)
                .Select(line => double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
            Directory.Delete(directory, recursive: true);
        }
        var settings = (EvoDsl.Nne.NneSettings)MeasureNne.Descriptor.Algorithm;
        foreach (double rate in new[] { 1e-2, 1e-3, 1e-4 })
            Run($"NNE + SignSGD η={rate} B=50", () => new NneSignSgdTraining(new(settings, rate, 50), context, p), epochs: 25);
    }

    [Fact(Explicit = true)]
    public void SparseNetworkSgdRates()
    {
        RunContext context = FullMnist(200);
        foreach (double rate in new[] { 1e-3, 3e-3, 1e-2 })
            Run($"SparseNetworkSgd h=1000 q=0.1 Adam η={rate} B=50 on 200/digit", () => new SparseNetworkSgdTraining(new(1000, 0.1, Optimizer.Adam, rate, 50), context), epochs: 100, seconds: 60);
    }

    [Fact(Explicit = true)]
    public void KCap1000()
    {
        RunContext context = FullMnist();
        var layer = new RandomLayerSettings(1000, 256);
        Run("DNN h=1000 k=256", () => new DopaminergicTraining(new(layer, 0.75, 0.001, PostSynapticFiring.LowError, PreSynapticSignal.Activity), context), 10,
            describe: t => FeatureInfo(((DopaminergicTraining)t).Features));
    }

    [Fact(Explicit = true)]
    public void SparseNetworkSgd()
    {
        int perClass = int.Parse(Environment.GetEnvironmentVariable("EVODSL_MEASURE_PER_CLASS") ?? "200", CultureInfo.InvariantCulture);
        RunContext context = FullMnist(perClass);
        double rate = double.Parse(Environment.GetEnvironmentVariable("EVODSL_MEASURE_RATE") ?? "0.001", CultureInfo.InvariantCulture);
        int batch = int.Parse(Environment.GetEnvironmentVariable("EVODSL_MEASURE_BATCH") ?? "50", CultureInfo.InvariantCulture);
        Run($"SparseNetworkSgd h=1000 q=0.1 Adam η={rate} B={batch} on {perClass}/digit", () => new SparseNetworkSgdTraining(new(1000, 0.1, Optimizer.Adam, rate, batch), context));
    }
}

[Experiment("measure-nne-0to9", Description = "Short NNE run whose p feeds the NNE + SignSGD measurement")]
[Mnist(Digits = "0-9", TrainPerClass = 200)]
[HiddenLayer(1000, EdgeProbability = 0.1)]
[Nne(Genes = 2000, Population = 100, GeneDensity = 0.0025, Selection = 100, WeightGain = 8)]
public partial class MeasureNne;

/// <summary>Rule readings explored for docs/dnn.md (not DSL options): each a struct like the runtime's rules.</summary>
public sealed class DnnRuleExploration(ITestOutputHelper output)
{
    private static readonly Lazy<(EvoDsl.Data.LabeledImages Train, EvoDsl.Data.LabeledImages Test)> Images =
        new(() => EvoDsl.Data.ImageDataset.Load(EvoDsl.Data.Mnist.EnsureAvailable(cacheOption: null)));

    public interface IReading
    {
        static abstract System.Runtime.Intrinsics.Vector512<float> Change(in Prediction p, System.Runtime.Intrinsics.Vector512<float> lanes, float threshold, float rate);
    }

    public readonly struct Rule<TReading>(float threshold, float rate) : IOutputLayerRule where TReading : IReading
    {
        public int BatchSize => 1;
        public void Learn(OutputLayer layer, ReadOnlySpan<int> active, ReadOnlySpan<float> activity, in Prediction prediction) =>
            layer.Add(active, activity, TReading.Change(prediction, layer.ClassLanes, threshold, rate));
        public void EndBatch(OutputLayer layer, int examples) { }
        public void WriteState(BinaryWriter writer) { }
        public void ReadState(BinaryReader reader) { }
    }

    private static System.Runtime.Intrinsics.Vector512<float> OneHot(int j) =>
        System.Runtime.Intrinsics.Vector512.Equals(System.Runtime.Intrinsics.Vector512<int>.Indices, System.Runtime.Intrinsics.Vector512.Create(j)).AsSingle();

    /// <summary>The first reading: dopamine ±1 by L vs ε0, times (4 − e_j²), on the winner or the low-error outputs.</summary>
    public readonly struct Literal<TPost> : IReading where TPost : struct, IPostSynapticFiring
    {
        public static Vector512<float> Change(in Prediction p, Vector512<float> lanes, float threshold, float rate)
        {
            var e = p.Error;
            var fired = TPost.Fired(p, e * e) & lanes;
            return fired & ((Vector512.Create(4f) - e * e) * (p.Loss <= threshold ? rate : -rate));
        }
    }

    /// <summary>Punish only, the printed fraction read as ε1·(1 − ε0/L)₊ on the winner.</summary>
    public readonly struct PunishWinnerOnly : IReading
    {
        public static System.Runtime.Intrinsics.Vector512<float> Change(in Prediction p, System.Runtime.Intrinsics.Vector512<float> lanes, float threshold, float rate)
        {
            if (p.Loss <= threshold) return default;
            return OneHot(p.Winner) & System.Runtime.Intrinsics.Vector512.Create(-rate * (1 - threshold / p.Loss));
        }
    }

    /// <summary>Winner fires; reward (4 − e²)·ε1, punish (4 − e²)·ε1·(L − ε0) (the printed max{0, L − ε0} factor).</summary>
    public readonly struct WinnerGradedPunish : IReading
    {
        public static System.Runtime.Intrinsics.Vector512<float> Change(in Prediction p, System.Runtime.Intrinsics.Vector512<float> lanes, float threshold, float rate)
        {
            var e = p.Error;
            var mag = System.Runtime.Intrinsics.Vector512.Create(4f) - e * e;
            float d = p.Loss <= threshold ? rate : -rate * (p.Loss - threshold);
            return OneHot(p.Winner) & (mag * d);
        }
    }

    /// <summary>Reward-prediction-error post term: post_j = 1[j = winner] − z_j (REINFORCE with the argmax action).</summary>
    public readonly struct WinnerMinusExpected : IReading
    {
        public static System.Runtime.Intrinsics.Vector512<float> Change(in Prediction p, System.Runtime.Intrinsics.Vector512<float> lanes, float threshold, float rate)
        {
            var e = p.Error;
            var mag = System.Runtime.Intrinsics.Vector512.Create(4f) - e * e;
            var post = (OneHot(p.Winner) & System.Runtime.Intrinsics.Vector512<float>.One) - p.Softmax;
            float d = p.Loss <= threshold ? rate : -rate;
            return lanes & (post * mag * d);
        }
    }

    /// <summary>Winner and label fire on punishment: the winner's links weaken, the label's strengthen (dopamine-gated perceptron).</summary>
    public readonly struct WinnerAndTeacher : IReading
    {
        public static System.Runtime.Intrinsics.Vector512<float> Change(in Prediction p, System.Runtime.Intrinsics.Vector512<float> lanes, float threshold, float rate)
        {
            var e = p.Error;
            var mag = System.Runtime.Intrinsics.Vector512.Create(4f) - e * e;
            if (p.Loss <= threshold)
                return OneHot(p.Winner) & (mag * rate);
            return (OneHot(p.Label) & (mag * rate)) - (OneHot(p.Winner) & (mag * rate));
        }
    }

    /// <summary>Winner fires; dopamine d = R − z_j with R = 1[L ≤ ε0] (reward minus the output's own expectation), times (4 − e²).</summary>
    public readonly struct WinnerExpectedReward : IReading
    {
        public static Vector512<float> Change(in Prediction p, Vector512<float> lanes, float threshold, float rate)
        {
            var e = p.Error;
            var mag = Vector512.Create(4f) - e * e;
            var reward = Vector512.Create(p.Loss <= threshold ? 1f : 0f);
            return OneHot(p.Winner) & (mag * (reward - p.Softmax) * rate);
        }
    }

    /// <summary>Low-error outputs fire; dopamine d_j = R − z_j as above.</summary>
    public readonly struct LowErrorExpectedReward : IReading
    {
        public static Vector512<float> Change(in Prediction p, Vector512<float> lanes, float threshold, float rate)
        {
            var e = p.Error;
            var mag = Vector512.Create(4f) - e * e;
            var fired = Vector512.LessThanOrEqual(e * e, Vector512.Create(0.25f)) & lanes;
            var reward = Vector512.Create(p.Loss <= threshold ? 1f : 0f);
            return fired & (mag * (reward - p.Softmax) * rate);
        }
    }

    private void Run<TReading>(string name, double threshold, double rate, int epochs = 10) where TReading : IReading
    {
        var context = RunContext.From(new DataSettings("0-9", 0), Images.Value.Train, Images.Value.Test, seed: 1, 2, "MNIST");
        var workers = new EvoDsl.Kernels.WorkerPool(2);
        RandomFeatures features = RandomFeatures.Build(new RandomLayerSettings(1000, 0), context, workers);
        using var trainer = new OutputLayerTraining<Rule<TReading>>("x", features.Train, features.Test,
            RandomFeatures.InitialOutputLayer(1000, context), new Rule<TReading>((float)threshold, (float)rate), 1, workers);
        string line = $"{name} ε0={threshold} ε1={rate}:";
        for (int e = 1; e <= epochs; e++)
        {
            trainer.Step();
            if (e is 1 or 5 or 10 or 20 or 50)
                line += $"  e{e} {trainer.Score(true).Accuracy:P2}";
        }
        output.WriteLine(line);
        File.AppendAllText("/tmp/evodsl-dnn-measure.log", line + "\n");
    }

    [Fact(Explicit = true)]
    public void Readings()
    {
        string which = Environment.GetEnvironmentVariable("EVODSL_READINGS") ?? "all";
        if (which is "all" or "literal")
        {
            foreach (double rate in new[] { 1.0, 0.01, 0.001 })
            {
                Run<Literal<WinnerFires>>("literal ±1, winner", 0.75, rate);
                Run<Literal<LowErrorFires>>("literal ±1, low error", 0.75, rate);
            }
        }
        if (which == "all")
        {
            foreach (double rate in new[] { 1.0, 0.01 })
            {
                Run<PunishWinnerOnly>("punish winner only", 0.75, rate);
                Run<WinnerGradedPunish>("winner, graded punishment", 0.75, rate);
                Run<WinnerMinusExpected>("winner − expected", 0.75, rate);
                Run<WinnerAndTeacher>("winner and teacher", 0.75, rate);
            }
        }
        if (which is "all" or "new")
        {
            foreach (double rate in new[] { 1.0, 0.1, 0.01, 0.001 })
            {
                Run<WinnerExpectedReward>("winner, d = R − z", 0.75, rate);
                Run<LowErrorExpectedReward>("low error, d = R − z", 0.75, rate);
            }
        }
        if (which == "long")
        {
            Run<WinnerExpectedReward>("winner, d = R − z", 2.3, 0.01, 50);
            Run<WinnerExpectedReward>("winner, d = R − z", 2.3, 0.003, 50);
            Run<WinnerExpectedReward>("winner, d = R − z", 0.75, 0.03, 50);
            Run<LowErrorExpectedReward>("low error, d = R − z", 0.75, 0.001, 50);
            Run<LowErrorExpectedReward>("low error, d = R − z", 0.75, 0.003, 50);
        }
        if (which == "grid")
        {
            foreach (double threshold in new[] { 0.75, 1.5, 2.3 })
                foreach (double rate in new[] { 0.3, 0.1, 0.03, 0.01 })
                    Run<WinnerExpectedReward>("winner, d = R − z", threshold, rate);
            foreach (double threshold in new[] { 0.25, 0.75, 1.5 })
                foreach (double rate in new[] { 0.01, 0.003, 0.001, 0.0001 })
                    Run<LowErrorExpectedReward>("low error, d = R − z", threshold, rate);
        }
    }
}
