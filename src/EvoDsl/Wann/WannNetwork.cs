using System.Numerics.Tensors;

namespace EvoDsl.Wann;

/// <summary>
/// A genome compiled for evaluation (the reference's getNodeOrder and act, docs/wann.md §4): rows in the order
/// bias, inputs, hidden nodes in topological order, outputs; each computed row (hidden or output) lists the rows
/// of its enabled sources. With one shared weight w, a node's input is w times the sum of its sources, so a
/// forward pass is sums of rows, one scale and the node's activation, each over the whole batch.
/// The arrays are reused from one compile to the next.
/// </summary>
public sealed class WannNetwork
{
    private WannActivation[] _activations = [];
    private int[] _sourceStart = [0];
    private int[] _sourceRows = [];
    private int[] _rowOfId = [];
    private int[] _pending = [];
    private int[] _ready = [];
    private int[] _outStart = [];
    private int[] _outTargets = [];

    public WannNetwork(int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
    }

    public int Inputs { get; }

    public int Outputs { get; }

    /// <summary>The bias row and the input rows, which a forward pass reads and never writes.</summary>
    public int InputRows => 1 + Inputs;

    /// <summary>Hidden and output rows, which a forward pass computes.</summary>
    public int ComputedRows { get; private set; }

    /// <summary>Enabled connections: the network's size.</summary>
    public int Connections => _sourceStart[ComputedRows];

    /// <summary>
    /// Orders the genome's hidden nodes so that every connection, enabled or not, runs forward (Kahn's algorithm,
    /// in time linear in nodes and connections), and lists each computed node's enabled sources. A cycle, which
    /// the mutations cannot make, is refused.
    /// </summary>
    public void Compile(WannGenome genome)
    {
        if (genome.Inputs != Inputs || genome.Outputs != Outputs)
            throw new ArgumentException("a genome of another shape", nameof(genome));
        ReadOnlySpan<int> ids = genome.NodeIds;
        int hidden = genome.NodeCount - genome.FixedNodes, maxId = 0;
        foreach (int id in ids)
            maxId = Math.Max(maxId, id);
        Ensure(ref _rowOfId, maxId + 1);
        Ensure(ref _pending, Math.Max(maxId + 1, hidden + 1));
        Ensure(ref _ready, hidden);
        Ensure(ref _outStart, hidden + 1);
        ReadOnlySpan<int> sources = genome.Sources, destinations = genome.Destinations;
        ReadOnlySpan<bool> enabled = genome.Enabled;

        // Kahn over hidden → hidden connections, in (nodes + connections): hidden nodes by local index
        // h = node index − FixedNodes (found through _rowOfId, borrowed here as id → h), their outgoing
        // hidden connections grouped by source, _pending[h] the sources not yet placed.
        for (int h = 0; h < hidden; h++)
            _rowOfId[ids[genome.FixedNodes + h]] = h;
        Span<int> pending = _pending.AsSpan(0, hidden), outStart = _outStart.AsSpan(0, hidden + 1);
        pending.Clear();
        outStart.Clear();
        int links = 0;
        for (int j = 0; j < sources.Length; j++)
            if (IsHidden(genome, sources[j]) && IsHidden(genome, destinations[j]))
            {
                pending[_rowOfId[destinations[j]]]++;
                outStart[_rowOfId[sources[j]] + 1]++;
                links++;
            }
        for (int h = 0; h < hidden; h++)
            outStart[h + 1] += outStart[h];
        Ensure(ref _outTargets, links);
        Span<int> fillOut = _ready.AsSpan(0, hidden); // the write cursor of each source's group, before _ready holds the order
        outStart[..hidden].CopyTo(fillOut);
        for (int j = 0; j < sources.Length; j++)
            if (IsHidden(genome, sources[j]) && IsHidden(genome, destinations[j]))
                _outTargets[fillOut[_rowOfId[sources[j]]]++] = _rowOfId[destinations[j]];
        int placed = 0, next = 0;
        for (int h = 0; h < hidden; h++)
            if (pending[h] == 0)
                _ready[placed++] = h;
        while (next < placed)
        {
            int h = _ready[next++];
            for (int k = outStart[h]; k < outStart[h + 1]; k++)
                if (--pending[_outTargets[k]] == 0)
                    _ready[placed++] = _outTargets[k];
        }
        if (placed != hidden)
            throw new InvalidOperationException($"the genome's hidden connections form a cycle ({hidden - placed} nodes on it)");

        ComputedRows = hidden + Outputs;
        Ensure(ref _activations, ComputedRows);
        Ensure(ref _sourceStart, ComputedRows + 1);
        for (int i = 0; i < InputRows; i++)
            _rowOfId[i] = i;
        for (int t = 0; t < hidden; t++)
        {
            _rowOfId[ids[genome.FixedNodes + _ready[t]]] = InputRows + t;
            _activations[t] = genome.Activations[genome.FixedNodes + _ready[t]];
        }
        for (int k = 0; k < Outputs; k++)
        {
            _rowOfId[genome.OutputId(k)] = InputRows + hidden + k;
            _activations[hidden + k] = genome.Activations[1 + Inputs + k];
        }

        // Sources per computed row, in gene order (counting sort by destination row).
        Span<int> start = _sourceStart.AsSpan(0, ComputedRows + 1);
        start.Clear();
        int total = 0;
        for (int j = 0; j < sources.Length; j++)
            if (enabled[j])
            {
                start[_rowOfId[destinations[j]] - InputRows + 1]++;
                total++;
            }
        for (int r = 0; r < ComputedRows; r++)
            start[r + 1] += start[r];
        Ensure(ref _sourceRows, total);
        Span<int> fill = _pending.AsSpan(0, ComputedRows);
        start[..ComputedRows].CopyTo(fill);
        for (int j = 0; j < sources.Length; j++)
            if (enabled[j])
                _sourceRows[fill[_rowOfId[destinations[j]] - InputRows]++] = _rowOfId[sources[j]];
    }

    /// <summary>
    /// The outputs for one shared weight: <paramref name="inputs"/> holds the bias row (ones) and the input rows,
    /// <paramref name="batch"/> values each; <paramref name="computed"/> receives the hidden rows and then the output
    /// rows, <see cref="ComputedRows"/> × <paramref name="batch"/>.
    /// </summary>
    public void Forward(float weight, ReadOnlySpan<float> inputs, int batch, Span<float> computed)
    {
        for (int r = 0; r < ComputedRows; r++)
        {
            Span<float> row = computed.Slice(r * batch, batch);
            int first = _sourceStart[r], end = _sourceStart[r + 1];
            if (first == end)
                row.Clear();
            else
            {
                Row(_sourceRows[first], inputs, computed, batch).CopyTo(row);
                for (int s = first + 1; s < end; s++)
                    TensorPrimitives.Add(row, Row(_sourceRows[s], inputs, computed, batch), row);
                TensorPrimitives.Multiply(row, weight, row);
            }
            WannActivations.Apply(_activations[r], row);
        }
    }

    /// <summary>Where each computed row's sources start in <see cref="SourceRows"/> (ComputedRows + 1 offsets).</summary>
    internal ReadOnlySpan<int> SourceStart => _sourceStart.AsSpan(0, ComputedRows + 1);

    /// <summary>The enabled connections' source rows, grouped by computed row: one trainable weight each.</summary>
    internal ReadOnlySpan<int> SourceRows => _sourceRows.AsSpan(0, Connections);

    /// <summary>The activation of computed row <paramref name="row"/> (0 is the first hidden row).</summary>
    internal WannActivation ActivationOf(int row) => _activations[row];

    /// <summary>The output rows of the last <see cref="Forward"/>, Outputs × batch.</summary>
    public ReadOnlySpan<float> OutputRows(ReadOnlySpan<float> computed, int batch) =>
        computed.Slice((ComputedRows - Outputs) * batch, Outputs * batch);

    private ReadOnlySpan<float> Row(int row, ReadOnlySpan<float> inputs, ReadOnlySpan<float> computed, int batch) =>
        row < InputRows ? inputs.Slice(row * batch, batch) : computed.Slice((row - InputRows) * batch, batch);

    private static bool IsHidden(WannGenome genome, int id) => id > genome.Inputs + genome.Outputs;

    /// <summary>Grows <paramref name="array"/> (doubling) to hold <paramref name="length"/> items; scratch of the WANN types.</summary>
    internal static void Ensure<T>(ref T[] array, int length)
    {
        if (array.Length < length)
            array = new T[Math.Max(length, array.Length * 2)];
    }
}
