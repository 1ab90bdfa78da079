using System.Globalization;
using EvoDsl.Wann;

namespace EvoDsl.Hosting;

/// <summary>
/// The best network of a WANN run as <c>wann-champion.csv</c> (WannEvolution.WriteArtifacts) records it: its hidden
/// nodes with their activations and its connections. Node ids as the reference's (docs/wann.md §4): bias 0,
/// inputs 1…<see cref="Inputs"/>, then one output per class, then the hidden nodes.
/// </summary>
/// <param name="Classes">The label of each output, in output order.</param>
public sealed record WannChampion(int Inputs, IReadOnlyList<int> Classes, IReadOnlyList<WannChampion.Node> Hidden,
    IReadOnlyList<WannChampion.Connection> Connections)
{
    public const string FileName = "wann-champion.csv";

    public sealed record Node(int Id, WannActivation Activation);

    public sealed record Connection(int Source, int Destination, bool Enabled);

    public const int Bias = 0;

    public int OutputId(int k) => 1 + Inputs + k;

    public bool IsInput(int id) => id is >= 1 && id <= Inputs;

    public IEnumerable<Connection> EnabledConnections => Connections.Where(c => c.Enabled);

    public static WannChampion Read(string path, int inputs, IReadOnlyList<int> classes)
    {
        if (!File.Exists(path))
            throw new EvoDslException($"'{path}' does not exist: the WANN run that should have written it did not finish; run it again");
        var hidden = new List<Node>();
        var connections = new List<Connection>();
        string[] lines = File.ReadAllLines(path);
        foreach ((string line, int number) in lines.Skip(1).Select((line, i) => (line, i + 2)).Where(l => l.line.Length > 0))
        {
            // kind,id,activation_or_source,destination,enabled
            string[] cells = line.Split(',');
            if (cells is ["node", var id, var activation, ..] && Enum.TryParse(activation, out WannActivation f))
                hidden.Add(new Node(Int(id), f));
            else if (cells is ["connection", _, var source, var destination, var enabled])
                connections.Add(new Connection(Int(source), Int(destination), enabled == "1"));
            else
                throw new EvoDslException($"'{path}', line {number}: '{line}' is neither a node nor a connection of a WANN champion");
        }
        return new WannChampion(inputs, classes, hidden, connections);

        static int Int(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Every node's layer by the reference's add-connection rule over enabled connections (docs/wann.md §6): the bias
    /// and inputs 0, a hidden node 1 + the deepest layer among its hidden sources (1 when only inputs or nothing feed
    /// it), the outputs one past the deepest hidden node.
    /// </summary>
    public IReadOnlyDictionary<int, int> Layers()
    {
        var layers = new Dictionary<int, int> { [Bias] = 0 };
        for (int id = 1; id <= Inputs; id++)
            layers[id] = 0;
        var inDegree = Hidden.ToDictionary(n => n.Id, _ => 0);
        var next = Hidden.ToDictionary(n => n.Id, _ => new List<int>());
        foreach (Connection c in EnabledConnections.Where(c => inDegree.ContainsKey(c.Source) && inDegree.ContainsKey(c.Destination)))
        {
            inDegree[c.Destination]++;
            next[c.Source].Add(c.Destination);
        }
        // Kahn's order over the hidden nodes: a node's layer is final when its last hidden source is taken.
        var ready = new Queue<int>(Hidden.Select(n => n.Id).Where(id => inDegree[id] == 0));
        foreach (int id in ready)
            layers[id] = 1;
        while (ready.TryDequeue(out int id))
        {
            foreach (int to in next[id])
            {
                layers[to] = Math.Max(layers.GetValueOrDefault(to, 1), layers[id] + 1);
                if (--inDegree[to] == 0)
                    ready.Enqueue(to);
            }
        }
        if (Hidden.Any(n => inDegree[n.Id] > 0))
            throw new EvoDslException("the WANN champion's enabled connections form a cycle; a WANN network is feed-forward");
        int outputs = Hidden.Count == 0 ? 1 : Hidden.Max(n => layers[n.Id]) + 1;
        for (int k = 0; k < Classes.Count; k++)
            layers[OutputId(k)] = outputs;
        return layers;
    }
}
