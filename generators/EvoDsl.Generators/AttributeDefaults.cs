namespace EvoDsl.Generators;

/// <summary>
/// The DSL attributes' property defaults, as the generator must assume them when a declaration
/// omits a property. The generator cannot reference the runtime, so a test compares these with
/// <c>new NneAttribute()</c> and friends to keep the two in step.
/// </summary>
internal static class AttributeDefaults
{
    public const string Digits = "0-9";
    public const int TrainPerClass = 200;
    public const double EdgeProbability = 0.1;
    public const int Genes = 2000;
    public const int Population = 1000;
    public const double GeneDensity = 0.0025;
    public const double Selection = 100;
    public const double WeightGain = 8;
    public const int Generations = 1000;
    public const int Epochs = 500;
    public const int KCap = 0;
    public const double DopamineThreshold = 0.75;
    public const double DopamineRate = 0.001;
    public const string PostSynaptic = "LowError";
    public const string PreSynaptic = "Activity";
    public const double SignSgdLearningRate = 0.001;
    public const int SignSgdBatchSize = 50;
    public const string Optimizer = "Adam";
    public const double SgdLearningRate = 0.001;
    public const int SgdBatchSize = 100;
    public const int Iterations = 1000;
    public const int Steps = 1000;
    public const int NeurashedBatchSize = 1;
    public const string Sampling = "WithReplacement";
    public const string AmplificationUpdate = "Multiplicative";
    public const double Grow = 1.1;
    public const double Shrink = 1;
    public const double InitialLow = 0;
    public const double InitialHigh = 0.01;
    public const int RandomClasses = 3;
    public const int RandomLevels = 3;
    public const int NodesPerLevel = 100;
    public const int SharedNodes = 10;
    public const int NodesPerClass = 5;
    public const int EvaluateEvery = 50;
    public const int Seed = 1;
}
