using EvoDsl.Data;

namespace EvoDsl.Neurashed;

/// <summary>
/// A neurashed's training data: per input, the level-1 nodes that fire and its label (class index),
/// stored flat (CSR) so a training step reads them without allocating.
/// </summary>
public sealed class NeurashedInputs
{
    private readonly int[] _start;
    private readonly int[] _features;
    private readonly int[] _labels;

    private NeurashedInputs(int[] start, int[] features, int[] labels)
    {
        _start = start;
        _features = features;
        _labels = labels;
    }

    /// <summary>Inputs given as indices of level-1 nodes; each label must be a class index 0..K−1.</summary>
    public static NeurashedInputs FromIndices(NeurashedGraph graph, IReadOnlyList<IReadOnlyList<int>> firing, IReadOnlyList<int> labels)
    {
        if (firing.Count != labels.Count)
            throw new ArgumentException("one label per input", nameof(labels));
        var start = new int[firing.Count + 1];
        for (int i = 0; i < firing.Count; i++)
            start[i + 1] = start[i] + firing[i].Count;
        var features = new int[start[^1]];
        for (int i = 0; i < firing.Count; i++)
            for (int k = 0; k < firing[i].Count; k++)
            {
                int feature = firing[i][k];
                if ((uint)feature >= (uint)graph.FeatureCount)
                    throw new EvoDslException($"Input {i} fires node {feature}, which is not a level-1 node (0..{graph.FeatureCount - 1}).");
                features[start[i] + k] = feature;
            }
        foreach (int label in labels)
            if ((uint)label >= (uint)graph.ClassCount)
                throw new EvoDslException($"Label {label} is not a class (0..{graph.ClassCount - 1}).");
        return new NeurashedInputs(start, features, labels.ToArray());
    }

    /// <summary>Inputs given by the names of their firing level-1 nodes, with labels as class node names.</summary>
    public static NeurashedInputs FromNames(NeurashedGraph graph, IEnumerable<(IReadOnlyList<string> Firing, string Class)> inputs)
    {
        var list = inputs.ToList();
        var firing = new List<IReadOnlyList<int>>(list.Count);
        var labels = new List<int>(list.Count);
        foreach (var (names, className) in list)
        {
            firing.Add(names.Select(name =>
            {
                int node = graph.IndexOf(name);
                return graph.LevelOf(node) == 1 ? node : throw new EvoDslException($"Input feature '{name}' is not a level-1 node.");
            }).ToArray());
            int classNode = graph.IndexOf(className);
            if (classNode < graph.FirstClass)
                throw new EvoDslException($"Label '{className}' is not a class (last-level node).");
            labels.Add(classNode - graph.FirstClass);
        }
        return FromIndices(graph, firing, labels);
    }

    /// <summary>
    /// Images as inputs: pixel i fires level-1 node i when its value (scaled to [0, 1]) exceeds
    /// <paramref name="threshold"/> (paper 002, footnote 1); labels are taken as class indices.
    /// </summary>
    public static NeurashedInputs FromImages(NeurashedGraph graph, LabeledImages images, double threshold)
    {
        if (graph.FeatureCount != images.PixelsPerImage)
            throw new EvoDslException($"The graph has {graph.FeatureCount} level-1 nodes but the images have {images.PixelsPerImage} pixels.");
        byte cut = (byte)Math.Clamp(Math.Floor(threshold * 255), 0, 255);
        var firing = new List<IReadOnlyList<int>>(images.Count);
        for (int i = 0; i < images.Count; i++)
        {
            var pixels = images.Pixels.AsSpan(i * images.PixelsPerImage, images.PixelsPerImage);
            var on = new List<int>();
            for (int p = 0; p < pixels.Length; p++)
                if (pixels[p] > cut)
                    on.Add(p);
            firing.Add(on);
        }
        return FromIndices(graph, firing, images.Labels.Select(b => (int)b).ToArray());
    }

    public int Count => _labels.Length;

    /// <summary>The firing level-1 nodes of input <paramref name="input"/>.</summary>
    public ReadOnlySpan<int> FeaturesOf(int input) => _features.AsSpan(_start[input], _start[input + 1] - _start[input]);

    public int LabelOf(int input) => _labels[input];
}
