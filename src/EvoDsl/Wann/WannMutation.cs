using EvoDsl.Kernels;

namespace EvoDsl.Wann;

/// <summary>The topological mutation a child received (docs/wann.md §6); None when the one drawn could not apply.</summary>
public enum WannMutationKind
{
    None,
    AddConnection,
    AddNode,
    EnableConnection,
    ChangeActivation,
}

/// <summary>
/// The chances of WANN's four topological mutations; each child gets exactly one attempt, drawn in proportion
/// to them (the reference's roulette over [add connection, add node, enable, change activation]).
/// </summary>
public sealed record WannMutationRates(double AddConnection = 0.20, double AddNode = 0.25, double EnableConnection = 0.05, double ChangeActivation = 0.50)
{
    public double Total => AddConnection + AddNode + EnableConnection + ChangeActivation;
}

/// <summary>
/// Mutates children one after the other, as the reference does: the innovation number and the hidden node id
/// are population-wide counters, so the order of mutations decides them. Holds the scratch arrays a mutation
/// needs and reuses them, so mutating allocates only when a genome outgrows its arrays.
/// </summary>
public sealed class WannMutation
{
    private readonly WannMutationRates _rates;
    private readonly WannActivation[] _activations;
    private int[] _layerOfId = [];
    private int[] _order = [];
    private int[] _candidates = [];
    private bool[] _linked = [];

    /// <param name="activations">What a new hidden node or a changed activation is drawn from, uniformly.</param>
    /// <param name="nextInnovation">The first innovation number not yet used in the population.</param>
    /// <param name="nextNodeId">The first hidden node id not yet used in the population.</param>
    public WannMutation(WannMutationRates rates, IReadOnlyList<WannActivation> activations, int nextInnovation, int nextNodeId)
    {
        if (!(rates.Total > 0))
            throw new EvoDslException("the WANN mutation rates sum to 0; give at least one of AddConnection, AddNode, EnableConnection, ChangeActivation a positive rate");
        if (activations.Count < 2)
            throw new EvoDslException("WANN needs at least two hidden activations to choose among");
        _rates = rates;
        _activations = [.. activations];
        NextInnovation = nextInnovation;
        NextNodeId = nextNodeId;
    }

    public int NextInnovation { get; set; }

    public int NextNodeId { get; set; }

    /// <summary>One mutation attempt on <paramref name="genome"/>: the kind drawn, or None when it could not apply.</summary>
    internal WannMutationKind Mutate(WannGenome genome, ref SplitMix64 random)
    {
        double spin = random.NextDouble() * _rates.Total;
        if ((spin -= _rates.AddConnection) < 0)
            return AddConnection(genome, ref random) ? WannMutationKind.AddConnection : WannMutationKind.None;
        if ((spin -= _rates.AddNode) < 0)
            return AddNode(genome, ref random) ? WannMutationKind.AddNode : WannMutationKind.None;
        if (spin - _rates.EnableConnection < 0)
            return EnableConnection(genome, ref random) ? WannMutationKind.EnableConnection : WannMutationKind.None;
        return ChangeActivation(genome, ref random) ? WannMutationKind.ChangeActivation : WannMutationKind.None;
    }

    /// <summary>
    /// A new enabled connection from a node to one in a later layer it is not yet joined to. Layers count enabled
    /// connections only: bias and inputs 0, a hidden node one more than its deepest hidden source (so 1 when fed
    /// by inputs alone), outputs one more than the deepest hidden node. Sources are tried in a random order; the
    /// first with a candidate joins one of them, drawn uniformly.
    /// </summary>
    private bool AddConnection(WannGenome genome, ref SplitMix64 random)
    {
        ComputeLayers(genome);
        int nodes = genome.NodeCount;
        WannNetwork.Ensure(ref _order, nodes);
        WannNetwork.Ensure(ref _candidates, nodes);
        Span<int> order = _order.AsSpan(0, nodes);
        for (int i = 0; i < nodes; i++)
            order[i] = i;
        for (int i = nodes - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        ReadOnlySpan<int> ids = genome.NodeIds;
        foreach (int s in order)
        {
            int source = ids[s];
            int layer = _layerOfId[source];
            MarkLinked(genome, source, true);
            int count = 0;
            for (int d = 0; d < nodes; d++)
                if (_layerOfId[ids[d]] > layer && !_linked[ids[d]])
                    _candidates[count++] = ids[d];
            MarkLinked(genome, source, false);
            if (count == 0)
                continue;
            genome.AddConnection(NextInnovation++, source, _candidates[random.NextInt(count)], enabled: true);
            return true;
        }
        return false;
    }

    /// <summary>Splits an enabled connection drawn uniformly: source → new node → destination, the old one disabled.</summary>
    private bool AddNode(WannGenome genome, ref SplitMix64 random)
    {
        int enabled = genome.EnabledConnections;
        if (enabled == 0)
            return false;
        int pick = random.NextInt(enabled), connection = -1;
        ReadOnlySpan<bool> on = genome.Enabled;
        for (int j = 0; j < on.Length; j++)
            if (on[j] && pick-- == 0)
            {
                connection = j;
                break;
            }
        int source = genome.Sources[connection], destination = genome.Destinations[connection];
        int node = NextNodeId++;
        genome.AddNode(node, _activations[random.NextInt(_activations.Length)]);
        genome.AddConnection(NextInnovation++, source, node, enabled: true);
        genome.AddConnection(NextInnovation++, node, destination, enabled: true);
        genome.SetEnabled(connection, false);
        return true;
    }

    /// <summary>Switches on a disabled connection drawn uniformly.</summary>
    private static bool EnableConnection(WannGenome genome, ref SplitMix64 random)
    {
        int disabled = genome.ConnectionCount - genome.EnabledConnections;
        if (disabled == 0)
            return false;
        int pick = random.NextInt(disabled);
        ReadOnlySpan<bool> on = genome.Enabled;
        for (int j = 0; j < on.Length; j++)
            if (!on[j] && pick-- == 0)
            {
                genome.SetEnabled(j, true);
                return true;
            }
        return false;
    }

    /// <summary>A hidden node drawn uniformly gets an activation drawn uniformly from the others.</summary>
    private bool ChangeActivation(WannGenome genome, ref SplitMix64 random)
    {
        int hidden = genome.NodeCount - genome.FixedNodes;
        if (hidden == 0)
            return false;
        int node = genome.FixedNodes + random.NextInt(hidden);
        WannActivation current = genome.Activations[node];
        int others = _activations.Length - (Array.IndexOf(_activations, current) >= 0 ? 1 : 0);
        int pick = random.NextInt(others);
        foreach (WannActivation activation in _activations)
            if (activation != current && pick-- == 0)
            {
                genome.SetActivation(node, activation);
                return true;
            }
        return false;
    }

    /// <summary>Each node's layer by id (see <see cref="AddConnection"/>), over enabled connections.</summary>
    private void ComputeLayers(WannGenome genome)
    {
        ReadOnlySpan<int> ids = genome.NodeIds;
        int maxId = 0;
        foreach (int id in ids)
            maxId = Math.Max(maxId, id);
        WannNetwork.Ensure(ref _layerOfId, maxId + 1);
        WannNetwork.Ensure(ref _linked, maxId + 1);
        for (int i = 0; i < ids.Length; i++)
            _layerOfId[ids[i]] = genome.Kinds[i] == WannNodeKind.Hidden ? 1 : 0;
        // Longest path from the inputs among hidden nodes: relax until nothing changes (at most one pass per hidden node).
        int hidden = genome.NodeCount - genome.FixedNodes;
        ReadOnlySpan<int> sources = genome.Sources, destinations = genome.Destinations;
        ReadOnlySpan<bool> enabled = genome.Enabled;
        for (int pass = 0, changed = 1; changed > 0 && pass <= hidden; pass++)
        {
            changed = 0;
            for (int j = 0; j < sources.Length; j++)
            {
                if (!enabled[j] || !IsHidden(genome, sources[j]) || !IsHidden(genome, destinations[j]))
                    continue;
                int deeper = _layerOfId[sources[j]] + 1;
                if (deeper > _layerOfId[destinations[j]])
                {
                    _layerOfId[destinations[j]] = deeper;
                    changed++;
                }
            }
        }
        int outputLayer = 1;
        for (int i = genome.FixedNodes; i < ids.Length; i++)
            outputLayer = Math.Max(outputLayer, _layerOfId[ids[i]] + 1);
        for (int k = 0; k < genome.Outputs; k++)
            _layerOfId[genome.OutputId(k)] = outputLayer;
    }

    private static bool IsHidden(WannGenome genome, int id) => id > genome.Inputs + genome.Outputs;

    /// <summary>Marks (or clears) the nodes <paramref name="source"/> already connects to, by any gene, enabled or not.</summary>
    private void MarkLinked(WannGenome genome, int source, bool linked)
    {
        ReadOnlySpan<int> sources = genome.Sources, destinations = genome.Destinations;
        for (int j = 0; j < sources.Length; j++)
            if (sources[j] == source)
                _linked[destinations[j]] = linked;
    }
}
