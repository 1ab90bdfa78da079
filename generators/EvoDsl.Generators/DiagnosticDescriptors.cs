namespace EvoDsl.Generators;

/// <summary>
/// Every diagnostic the generator reports. Each message says what to change. IDs are stable:
/// never reuse one; list new ones in AnalyzerReleases.Unshipped.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "EvoDsl";

    public static readonly DiagnosticDescriptor ExperimentMustBePartial = new(
        "EVO0001", "Experiment class must be partial",
        "Experiment class '{0}' must be declared 'partial' so the generator can add its training loop; add the 'partial' modifier",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor SizeMustBePositive = new(
        "EVO0002", "Size must be positive",
        "{0} is {1} but must be a positive integer; set {0} to 1 or more",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ProbabilityOutOfRange = new(
        "EVO0003", "Probability out of range",
        "{0} is {1} but must be a probability in {2}; set it to a value in that range",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingDataSource = new(
        "EVO0004", "Experiment has no data source",
        "Experiment '{0}' declares no data source; add [Mnist(Digits = \"0-9\", TrainPerClass = 200)]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingLearningSystem = new(
        "EVO0005", "Experiment has no learning system",
        "Experiment '{0}' declares no learning system; add one of {1}, or an attribute deriving from LearningSystemAttribute",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidFitnessHook = new(
        "EVO0006", "Fitness hook has the wrong signature",
        "Fitness hook '{0}' has the wrong signature; declare it as 'static float {0}(ReadOnlySpan<float> logits, int label)'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidDigits = new(
        "EVO0007", "Digits is not a list of classes",
        "Digits \"{0}\" is not a list of classes; write a range (\"0-4\"), a list (\"0,1,7\") or both (\"0-2,5\") of labels 0 to 255",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateFitnessHook = new(
        "EVO0008", "More than one fitness hook",
        "Experiment class '{0}' has more than one [Fitness] method, '{1}' and '{2}'; keep one of them",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidExperimentName = new(
        "EVO0009", "Experiment name is not valid",
        "Experiment name \"{0}\" is not valid; use lowercase letters, digits and dashes, starting with a letter, for example \"nne-mnist-0to4\"",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateExperimentName = new(
        "EVO0010", "Experiment name used twice",
        "Experiment name \"{0}\" is declared by both '{1}' and '{2}'; give each experiment its own name",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedClassShape = new(
        "EVO0011", "Experiment class shape not supported",
        "Experiment class '{0}' must be a top-level, non-generic, non-static, non-abstract class; {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingHiddenLayer = new(
        "EVO0012", "NNE experiment has no hidden layer",
        "NNE experiment '{0}' declares no hidden layer; add [HiddenLayer(1000, EdgeProbability = 0.1)]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ValueMustBePositive = new(
        "EVO0013", "Value must be positive",
        "{0} is {1} but must be a positive, finite number; {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor SingleClass = new(
        "EVO0014", "Only one class",
        "Digits \"{0}\" keeps a single class, so every prediction is right and the reward against chance (α = ln K = 0) is always 0; keep at least two classes, for example \"0-4\"",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ConflictingLearningSystems = new(
        "EVO0015", "More than one learning system",
        "Experiment '{0}' declares both [{1}] and [{2}]; keep one learning system ({3})",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LayerDoesNotFit = new(
        "EVO0016", "Hidden layer does not fit the learning system",
        "Experiment '{0}': {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor KCapOutOfRange = new(
        "EVO0017", "k-cap out of range",
        "KCap is {0} but must be between 0 (no cap) and the layer's {1} units; set KCap in that range",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidAllelesFrom = new(
        "EVO0018", "AllelesFrom does not fit",
        "Experiment '{0}': {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownAllelesFrom = new(
        "EVO0019", "AllelesFrom names no experiment",
        "AllelesFrom \"{0}\" of experiment '{1}' names no declared experiment; set it to the name of the NNE experiment whose alleles it starts from",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor WrongRunLength = new(
        "EVO0020", "Run length in the wrong unit",
        "[Run({0})] does not apply to {1}, which counts {2}; set {3} instead",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TrainPerClassNotACount = new(
        "EVO0021", "TrainPerClass is not a count",
        "TrainPerClass is {0} but must be {1}; {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownNode = new(
        "EVO0022", "Unknown neurashed node",
        "{0} names node '{1}', which is not declared; declare it with [FeatureNodes] or [Node], or fix the name",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor EdgeNotOneLevelDown = new(
        "EVO0023", "Neurashed edge does not go one level down",
        "Node '{0}' on level {1} depends on '{2}' on level {3}; a node's dependents must be on the level directly below it ({4})",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor FiringRuleOutOfRange = new(
        "EVO0024", "Firing rule exceeds the node's dependents",
        "Node '{0}' fires when at least {1} of its {2} dependents fire; set AtLeast between 1 and {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor EmptyLevel = new(
        "EVO0025", "Neurashed level without nodes",
        "Level {0} has no node, but the graph has nodes up to level {1}; put at least one [Node] on every level from 2 to the class level",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ClassWithoutPathway = new(
        "EVO0026", "Class cannot fire",
        "Class node '{0}' has no pathway down to level 1 that can fire it; give the nodes below it dependents that reach [FeatureNodes]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateNode = new(
        "EVO0027", "Neurashed node declared twice",
        "{0}; give each node its own name and list each dependent once",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NeurashedShape = new(
        "EVO0028", "Neurashed declaration incomplete",
        "Neurashed experiment '{0}': {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidAmplificationRule = new(
        "EVO0029", "Amplification rule does not grow or shrink",
        "{0} is {1}, but {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidAmplificationHook = new(
        "EVO0030", "Amplification hook has the wrong signature",
        "Amplification hook '{0}' has the wrong signature; declare it as 'static double {0}(double value, bool onPathway, int node)', or keep only one",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UndefinedEnumValue = new(
        "EVO0031", "Value is not a member of its enum",
        "{0} is {1}, which names no member; use one of {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GeneratedNameClash = new(
        "EVO0032", "Member name taken by the generated code",
        "'{0}' is a name the generator declares on '{1}' (a constant, setting or part of its training loop); rename '{0}'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidLearningSystem = new(
        "EVO0033", "Learning system cannot run",
        "Learning system [{0}] of experiment '{1}' cannot run: {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GpLimitsDoNotFit = new(
        "EVO0034", "Genetic programming settings do not fit together",
        "Experiment '{0}': {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
