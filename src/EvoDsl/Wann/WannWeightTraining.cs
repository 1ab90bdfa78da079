using System.Numerics.Tensors;
using EvoDsl.Data;
using EvoDsl.Kernels;

namespace EvoDsl.Wann;

/// <summary>
/// The paper's "trained weights" figure: a WANN network's topology kept, each enabled connection given a weight
/// of its own, starting from the best shared weight, and trained by Adam on the mean cross-entropy over
/// mini-batches of the training set (backpropagation through the node order of <see cref="WannNetwork"/>).
/// The reference fine-tunes with its own tool (WANNTool); this is EvoDsl's equivalent, docs/wann.md.
/// </summary>
public sealed class WannWeightTraining
{
    private readonly WannNetwork _network;
    private readonly float[] _weights;

    public WannWeightTraining(WannNetwork network, float startWeight)
    {
        _network = network;
        _weights = new float[network.Connections];
        _weights.AsSpan().Fill(startWeight);
    }

    /// <summary>One weight per enabled connection, in the network's source order.</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>The weights to change by hand (tests: finite differences).</summary>
    internal Span<float> MutableWeights => _weights;

    /// <summary>
    /// Trains for <paramref name="epochs"/> passes over <paramref name="train"/> in seeded mini-batches of
    /// <paramref name="batchSize"/>, then returns the accuracy on <paramref name="test"/>.
    /// </summary>
    public double TrainAndTest(ClassSubset train, ClassSubset test, int epochs, int batchSize, float learningRate, ulong seed)
    {
        int rows = _network.ComputedRows, inputs = _network.Inputs;
        var pre = new float[rows * batchSize];
        var post = new float[rows * batchSize];
        var gradientRows = new float[rows * batchSize];
        var gradient = new float[_weights.Length];
        var firstMoment = new float[_weights.Length];
        var secondMoment = new float[_weights.Length];
        var batchRows = new float[(1 + inputs) * batchSize];
        var labels = new int[batchSize];
        var order = new int[train.Count];
        long step = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int i = 0; i < order.Length; i++)
                order[i] = i;
            SplitMix64.Shuffle(order, Streams.Key(seed, Streams.WannWeightTraining, (ulong)epoch));
            for (int start = 0; start + batchSize <= order.Length; start += batchSize)
            {
                FillRows(train, order.AsSpan(start, batchSize), batchRows, labels);
                Forward(batchRows, batchSize, pre, post);
                Backward(batchRows, labels, pre, post, gradientRows, gradient);
                Adam.Step(_weights, firstMoment, secondMoment, gradient, 1f, learningRate, ++step);
            }
        }
        return Accuracy(test);
    }

    /// <summary>Test accuracy with the current weights.</summary>
    public double Accuracy(ClassSubset test)
    {
        int count = test.Count;
        var rows = new float[(1 + _network.Inputs) * count];
        var labels = new int[count];
        var all = new int[count];
        for (int i = 0; i < count; i++)
            all[i] = i;
        FillRows(test, all, rows, labels);
        var pre = new float[_network.ComputedRows * count];
        var post = new float[_network.ComputedRows * count];
        Forward(rows, count, pre, post);
        return (double)ClassRows.Correct(_network.OutputRows(post, count), _network.Outputs, labels) / count;
    }

    /// <summary>pre = Σ w_c · source, post = f(pre), row after row.</summary>
    internal void Forward(ReadOnlySpan<float> inputs, int batch, Span<float> pre, Span<float> post)
    {
        ReadOnlySpan<int> start = _network.SourceStart, sources = _network.SourceRows;
        for (int r = 0; r < _network.ComputedRows; r++)
        {
            Span<float> sum = pre.Slice(r * batch, batch);
            sum.Clear();
            for (int c = start[r]; c < start[r + 1]; c++)
                TensorPrimitives.MultiplyAdd(Row(sources[c], inputs, post, batch), _weights[c], sum, sum);
            Span<float> value = post.Slice(r * batch, batch);
            sum.CopyTo(value);
            WannActivations.Apply(_network.ActivationOf(r), value);
        }
    }

    /// <summary>The gradient of the mean cross-entropy with respect to every connection's weight, into <paramref name="gradient"/>.</summary>
    internal void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, ReadOnlySpan<float> pre, ReadOnlySpan<float> post,
        Span<float> gradientRows, Span<float> gradient)
    {
        int batch = labels.Length, outputs = _network.Outputs, firstOutput = _network.ComputedRows - outputs;
        gradientRows.Clear();
        // ∂L/∂output = (softmax − one-hot) / batch.
        for (int i = 0; i < batch; i++)
        {
            double max = double.NegativeInfinity, total = 0;
            for (int k = 0; k < outputs; k++)
                max = Math.Max(max, post[(firstOutput + k) * batch + i]);
            for (int k = 0; k < outputs; k++)
                total += Math.Exp(post[(firstOutput + k) * batch + i] - max);
            for (int k = 0; k < outputs; k++)
            {
                double p = Math.Exp(post[(firstOutput + k) * batch + i] - max) / total;
                gradientRows[(firstOutput + k) * batch + i] = (float)((p - (labels[i] == k ? 1 : 0)) / batch);
            }
        }
        ReadOnlySpan<int> start = _network.SourceStart, sources = _network.SourceRows;
        for (int r = _network.ComputedRows - 1; r >= 0; r--)
        {
            // ∂L/∂pre = ∂L/∂post · f′(pre), in place.
            Span<float> delta = gradientRows.Slice(r * batch, batch);
            WannActivation activation = _network.ActivationOf(r);
            for (int i = 0; i < batch; i++)
                delta[i] *= (float)WannActivations.Derivative(activation, pre[r * batch + i]);
            for (int c = start[r]; c < start[r + 1]; c++)
            {
                int source = sources[c];
                gradient[c] = TensorPrimitives.Dot(delta, Row(source, inputs, post, batch));
                if (source >= _network.InputRows)
                {
                    Span<float> upstream = gradientRows.Slice((source - _network.InputRows) * batch, batch);
                    TensorPrimitives.MultiplyAdd(delta, _weights[c], upstream, upstream);
                }
            }
        }
    }

    private ReadOnlySpan<float> Row(int row, ReadOnlySpan<float> inputs, ReadOnlySpan<float> post, int batch) =>
        row < _network.InputRows ? inputs.Slice(row * batch, batch) : post.Slice((row - _network.InputRows) * batch, batch);

    private void FillRows(ClassSubset data, ReadOnlySpan<int> examples, Span<float> rows, Span<int> labels)
    {
        int batch = examples.Length, inputs = _network.Inputs;
        rows[..batch].Fill(1f);
        for (int b = 0; b < batch; b++)
        {
            int example = examples[b];
            labels[b] = data.Labels[example];
            for (int p = 0; p < inputs; p++)
                rows[(1 + p) * batch + b] = data.Pixels[example * inputs + p];
        }
    }
}
