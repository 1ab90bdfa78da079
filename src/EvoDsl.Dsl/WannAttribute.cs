namespace EvoDsl;

/// <summary>
/// Weight-agnostic neural networks (Gaier &amp; Ha 2019; docs/wann.md): topologies searched by NEAT-style
/// mutations and NSGA-II ranking, every connection sharing one weight, each network scored at the shared
/// weights −2, −1, −0.5, 0.5, 1, 2. The defaults are the reference's MNIST settings (p/mnist256.json over
/// p/default_wan.json). Needs [Mnist], usually with Images = MnistImages.Deskewed16 as the paper's.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WannAttribute : Attribute
{
    /// <summary>Networks per generation (popSize; the paper: 960).</summary>
    public int Population { get; set; } = 960;

    /// <summary>Training images all of a generation's networks are scored on, drawn anew each generation (the paper: 1000).</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Chance that each bias/input → output connection is on in a starting network (prob_initEnable; the paper: 0.05).</summary>
    public double InitialConnections { get; set; } = 0.05;

    /// <summary>Chance that a child's one mutation adds a connection (prob_addConn: 0.20).</summary>
    public double AddConnection { get; set; } = 0.20;

    /// <summary>Chance that it splits a connection with a new node (prob_addNode: 0.25).</summary>
    public double AddNode { get; set; } = 0.25;

    /// <summary>Chance that it switches a disabled connection back on (prob_enable: 0.05).</summary>
    public double EnableConnection { get; set; } = 0.05;

    /// <summary>Chance that it changes a hidden node's activation (prob_mutAct: 0.50).</summary>
    public double ChangeActivation { get; set; } = 0.50;

    /// <summary>Share of the ranked population dropped before selection (select_cullRatio: 0.2).</summary>
    public double CullRatio { get; set; } = 0.2;

    /// <summary>Share of the kept networks copied unchanged into the next generation (select_eliteRatio: 0.2).</summary>
    public double EliteRatio { get; set; } = 0.2;

    /// <summary>Networks per tournament; a child copies the better of two winners (select_tournSize; the paper: 32).</summary>
    public int TournamentSize { get; set; } = 32;

    /// <summary>Chance that a generation ranks on (mean fitness, 1 / connections) rather than (mean, max fitness) (alg_probMoo: 0.8).</summary>
    public double SizeObjective { get; set; } = 0.8;
}
