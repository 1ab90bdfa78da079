using EvoDsl.Kernels;

namespace EvoDsl.Wann;

/// <summary>A node's role, numbered as the reference's genes number them (docs/wann.md §4).</summary>
public enum WannNodeKind : byte
{
    Input = 1,
    Output = 2,
    Hidden = 3,
    Bias = 4,
}

/// <summary>
/// One WANN individual: node genes (bias, the inputs, the outputs, then hidden nodes in the order they were
/// added) and connection genes (innovation number, source and destination node ids, enabled). Every
/// connection carries the shared weight, so a gene has no weight of its own. The arrays grow by doubling and
/// are reused when a child overwrites a genome (<see cref="CopyFrom"/>), so a steady population allocates nothing.
/// Node ids: the bias is 0, input i is 1 + i, output k is 1 + Inputs + k; hidden ids come from the population's counter.
/// </summary>
public sealed class WannGenome
{
    private int[] _nodeIds;
    private WannNodeKind[] _kinds;
    private WannActivation[] _activations;
    private int[] _innovations;
    private int[] _sources;
    private int[] _destinations;
    private bool[] _enabled;

    public WannGenome(int inputs, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        Inputs = inputs;
        Outputs = outputs;
        int nodes = FixedNodes * 2, connections = (inputs + 1) * outputs;
        _nodeIds = new int[nodes];
        _kinds = new WannNodeKind[nodes];
        _activations = new WannActivation[nodes];
        _innovations = new int[connections];
        _sources = new int[connections];
        _destinations = new int[connections];
        _enabled = new bool[connections];
        AddFixedNodes();
    }

    public int Inputs { get; }

    public int Outputs { get; }

    /// <summary>The bias, the inputs and the outputs: the nodes every genome starts with and keeps.</summary>
    public int FixedNodes => 1 + Inputs + Outputs;

    public int NodeCount { get; private set; }

    public int ConnectionCount { get; private set; }

    public ReadOnlySpan<int> NodeIds => _nodeIds.AsSpan(0, NodeCount);

    public ReadOnlySpan<WannNodeKind> Kinds => _kinds.AsSpan(0, NodeCount);

    public ReadOnlySpan<WannActivation> Activations => _activations.AsSpan(0, NodeCount);

    public ReadOnlySpan<int> Innovations => _innovations.AsSpan(0, ConnectionCount);

    public ReadOnlySpan<int> Sources => _sources.AsSpan(0, ConnectionCount);

    public ReadOnlySpan<int> Destinations => _destinations.AsSpan(0, ConnectionCount);

    public ReadOnlySpan<bool> Enabled => _enabled.AsSpan(0, ConnectionCount);

    /// <summary>Connections switched on: the network's size, one of the ranking's objectives.</summary>
    public int EnabledConnections => _enabled.AsSpan(0, ConnectionCount).Count(true);

    /// <summary>The id of output <paramref name="k"/>.</summary>
    public int OutputId(int k) => 1 + Inputs + k;

    /// <summary>
    /// The reference's starting network: no hidden node, and each of the (Inputs + 1) × Outputs bias/input → output
    /// connections (innovation k joins node k mod (Inputs + 1) to output k / (Inputs + 1)) enabled with <paramref name="enableProbability"/>.
    /// </summary>
    internal void Initialize(double enableProbability, ref SplitMix64 random)
    {
        NodeCount = 0;
        ConnectionCount = 0;
        AddFixedNodes();
        int sources = Inputs + 1;
        for (int k = 0; k < sources * Outputs; k++)
            AddConnection(k, k % sources, OutputId(k / sources), random.NextDouble() < enableProbability);
    }

    /// <summary>Makes this genome a copy of <paramref name="other"/>, reusing its arrays.</summary>
    public void CopyFrom(WannGenome other)
    {
        if (other.Inputs != Inputs || other.Outputs != Outputs)
            throw new ArgumentException("genomes of different shapes", nameof(other));
        EnsureNodes(other.NodeCount);
        EnsureConnections(other.ConnectionCount);
        other.NodeIds.CopyTo(_nodeIds);
        other.Kinds.CopyTo(_kinds);
        other.Activations.CopyTo(_activations);
        other.Innovations.CopyTo(_innovations);
        other.Sources.CopyTo(_sources);
        other.Destinations.CopyTo(_destinations);
        other.Enabled.CopyTo(_enabled);
        NodeCount = other.NodeCount;
        ConnectionCount = other.ConnectionCount;
    }

    public void AddNode(int id, WannActivation activation)
    {
        EnsureNodes(NodeCount + 1);
        _nodeIds[NodeCount] = id;
        _kinds[NodeCount] = WannNodeKind.Hidden;
        _activations[NodeCount] = activation;
        NodeCount++;
    }

    public void AddConnection(int innovation, int source, int destination, bool enabled)
    {
        EnsureConnections(ConnectionCount + 1);
        _innovations[ConnectionCount] = innovation;
        _sources[ConnectionCount] = source;
        _destinations[ConnectionCount] = destination;
        _enabled[ConnectionCount] = enabled;
        ConnectionCount++;
    }

    public void SetEnabled(int connection, bool enabled) => _enabled[connection] = enabled;

    public void SetActivation(int node, WannActivation activation) => _activations[node] = activation;

    /// <summary>Writes the genes, for a checkpoint.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(NodeCount);
        for (int i = 0; i < NodeCount; i++)
        {
            writer.Write(_nodeIds[i]);
            writer.Write((byte)_kinds[i]);
            writer.Write((byte)_activations[i]);
        }
        writer.Write(ConnectionCount);
        for (int j = 0; j < ConnectionCount; j++)
        {
            writer.Write(_innovations[j]);
            writer.Write(_sources[j]);
            writer.Write(_destinations[j]);
            writer.Write(_enabled[j]);
        }
    }

    /// <summary>Reads genes <see cref="Write"/> wrote.</summary>
    public void Read(BinaryReader reader)
    {
        int nodes = reader.ReadInt32();
        if (nodes < FixedNodes)
            throw new InvalidDataException($"a WANN genome of {nodes} nodes; it needs at least the {FixedNodes} bias, input and output nodes");
        EnsureNodes(nodes);
        for (int i = 0; i < nodes; i++)
        {
            _nodeIds[i] = reader.ReadInt32();
            _kinds[i] = (WannNodeKind)reader.ReadByte();
            _activations[i] = (WannActivation)reader.ReadByte();
        }
        int connections = reader.ReadInt32();
        EnsureConnections(connections);
        for (int j = 0; j < connections; j++)
        {
            _innovations[j] = reader.ReadInt32();
            _sources[j] = reader.ReadInt32();
            _destinations[j] = reader.ReadInt32();
            _enabled[j] = reader.ReadBoolean();
        }
        NodeCount = nodes;
        ConnectionCount = connections;
    }

    private void AddFixedNodes()
    {
        _nodeIds[0] = 0;
        _kinds[0] = WannNodeKind.Bias;
        _activations[0] = WannActivation.Linear;
        for (int i = 1; i < FixedNodes; i++)
        {
            _nodeIds[i] = i;
            _kinds[i] = i <= Inputs ? WannNodeKind.Input : WannNodeKind.Output;
            _activations[i] = WannActivation.Linear;
        }
        NodeCount = FixedNodes;
    }

    private void EnsureNodes(int count)
    {
        if (count <= _nodeIds.Length)
            return;
        int capacity = Math.Max(count, _nodeIds.Length * 2);
        Array.Resize(ref _nodeIds, capacity);
        Array.Resize(ref _kinds, capacity);
        Array.Resize(ref _activations, capacity);
    }

    private void EnsureConnections(int count)
    {
        if (count <= _innovations.Length)
            return;
        int capacity = Math.Max(count, _innovations.Length * 2);
        Array.Resize(ref _innovations, capacity);
        Array.Resize(ref _sources, capacity);
        Array.Resize(ref _destinations, capacity);
        Array.Resize(ref _enabled, capacity);
    }
}
