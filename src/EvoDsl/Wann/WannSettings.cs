namespace EvoDsl.Wann;

/// <summary>The [Wann] part of a declaration, as the generator read it (defaults: WannAttribute; meanings: docs/wann.md).</summary>
/// <param name="Population">Networks per generation (popSize).</param>
/// <param name="BatchSize">Training images each generation's networks are all scored on, drawn without replacement.</param>
/// <param name="InitialConnections">Chance that a bias/input → output connection is on in a starting network (prob_initEnable).</param>
/// <param name="AddConnection">Chance of the add-connection mutation (prob_addConn).</param>
/// <param name="AddNode">Chance of the add-node mutation (prob_addNode).</param>
/// <param name="EnableConnection">Chance of the enable mutation (prob_enable).</param>
/// <param name="ChangeActivation">Chance of the change-activation mutation (prob_mutAct).</param>
/// <param name="CullRatio">Share of the ranked population dropped before selection (select_cullRatio).</param>
/// <param name="EliteRatio">Share of the kept networks copied unchanged (select_eliteRatio).</param>
/// <param name="TournamentSize">Networks per tournament; a child copies the better of two winners (select_tournSize).</param>
/// <param name="SizeObjective">Chance that a generation ranks on (mean fitness, 1 / connections) instead of (mean, max) (alg_probMoo).</param>
public sealed record WannSettings(
    int Population,
    int BatchSize,
    double InitialConnections,
    double AddConnection,
    double AddNode,
    double EnableConnection,
    double ChangeActivation,
    double CullRatio,
    double EliteRatio,
    int TournamentSize,
    double SizeObjective);
