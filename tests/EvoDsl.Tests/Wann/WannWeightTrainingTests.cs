using EvoDsl.Kernels;
using EvoDsl.Wann;
using Xunit;

namespace EvoDsl.Tests.Wann;

/// <summary>Training a WANN network's own weights: the backpropagated gradient against finite differences, and learning.</summary>
public sealed class WannWeightTrainingTests
{
    private const int Inputs = 5, Outputs = 3, Batch = 6;

    [Fact]
    public void TheGradientMatchesFiniteDifferences()
    {
        var genome = new WannGenome(Inputs, Outputs);
        var random = new SplitMix64(21);
        genome.Initialize(0.7, ref random);
        var mutation = new WannMutation(new WannMutationRates(AddConnection: 0.3, AddNode: 0.4, EnableConnection: 0.1, ChangeActivation: 0.2),
            // Smooth activations only: abs and ReLU have kinks where finite differences disagree with any derivative.
            [WannActivation.Linear, WannActivation.Sin, WannActivation.Gaussian, WannActivation.Tanh, WannActivation.Sigmoid, WannActivation.Inverse, WannActivation.Cos],
            genome.ConnectionCount, 1 + Inputs + Outputs);
        for (int i = 0; i < 40; i++)
            mutation.Mutate(genome, ref random);
        var network = new WannNetwork(Inputs, Outputs);
        network.Compile(genome);
        var training = new WannWeightTraining(network, 0.5f);
        float[] inputs = new float[(1 + Inputs) * Batch];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = i < Batch ? 1 : random.NextFloat();
        int[] labels = [0, 1, 2, 1, 0, 2];
        int rows = network.ComputedRows;
        var pre = new float[rows * Batch];
        var post = new float[rows * Batch];
        var gradient = new float[network.Connections];
        training.Forward(inputs, Batch, pre, post);
        training.Backward(inputs, labels, pre, post, new float[rows * Batch], gradient);

        Span<float> weights = training.MutableWeights;
        double Loss()
        {
            training.Forward(inputs, Batch, pre, post);
            return ClassRows.MeanCrossEntropy(network.OutputRows(post, Batch), Outputs, labels, new float[3 * Batch]);
        }
        for (int c = 0; c < network.Connections; c++)
        {
            float kept = weights[c];
            const float h = 1e-2f;
            weights[c] = kept + h;
            double up = Loss();
            weights[c] = kept - h;
            double down = Loss();
            weights[c] = kept;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[c]) <= 2e-3 + 2e-2 * Math.Abs(numeric),
                $"connection {c}: backpropagation {gradient[c]}, finite differences {numeric}");
        }
    }

    [Fact]
    public void TrainedWeightsBeatTheSharedOne()
    {
        var context = Dnn.DnnTestData.Context(classes: 4, trainPerClass: 40, seed: 5);
        int inputs = context.Train.Features;
        var genome = new WannGenome(inputs, 4);
        var random = new SplitMix64(3);
        genome.Initialize(0.05, ref random);
        var network = new WannNetwork(inputs, 4);
        network.Compile(genome);
        var training = new WannWeightTraining(network, 1f);
        double shared = training.Accuracy(context.Test);
        double trained = training.TrainAndTest(context.Train, context.Test, epochs: 20, batchSize: 20, learningRate: 0.05f, seed: 1);
        Assert.True(trained > shared + 0.2, $"trained weights reach {trained:P1} against the shared weight's {shared:P1}");
    }
}
