using EvoDsl.Training;
using EvoDsl.Kernels;

namespace EvoDsl.Dnn;

/// <summary>The random layer's features of a run's training and test sets, built once; the layer itself is dropped after.</summary>
public sealed class RandomFeatures
{
    private RandomFeatures(FixedFeatures train, FixedFeatures test, double layerSeconds, long layerBytes)
    {
        Train = train;
        Test = test;
        LayerSeconds = layerSeconds;
        LayerBytes = layerBytes;
    }

    public FixedFeatures Train { get; }
    public FixedFeatures Test { get; }

    /// <summary>Seconds spent drawing the random layer's weights.</summary>
    public double LayerSeconds { get; }

    /// <summary>Bytes the random layer's weights took while the features were built.</summary>
    public long LayerBytes { get; }

    public static RandomFeatures Build(RandomLayerSettings settings, RunContext context, WorkerPool workers)
    {
        if (settings.Hidden < 1)
            throw new EvoDslException($"the random layer has {settings.Hidden} hidden units; use at least 1");
        if (settings.KCap < 0)
            throw new EvoDslException($"the k-cap is {settings.KCap}; use 0 for no cap or a positive k");
        CheckData(context);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var layer = new RandomLayer(context.Train.Features, settings.Hidden, context.Seed, workers.Workers);
        double layerSeconds = clock.Elapsed.TotalSeconds;
        FixedFeatures train = FixedFeatures.FromRandomLayer(layer, SparseRows.FromDense(context.Train.Pixels, context.Train.Count, context.Train.Features),
            context.Train.Labels, settings.KCap, workers);
        FixedFeatures test = FixedFeatures.FromRandomLayer(layer, SparseRows.FromDense(context.Test.Pixels, context.Test.Count, context.Test.Features),
            context.Test.Labels, settings.KCap, workers);
        return new RandomFeatures(train, test, layerSeconds, layer.Bytes);
    }

    /// <summary>Training and test set must agree on image size and classes.</summary>
    public static void CheckData(RunContext context)
    {
        if (context.Train.Features != context.Test.Features)
            throw new EvoDslException($"the training images have {context.Train.Features} pixels but the test images {context.Test.Features}; use one data set");
        if (context.Train.Classes != context.Test.Classes)
            throw new EvoDslException($"the training data has {context.Train.Classes} classes but the test data {context.Test.Classes}");
        if (context.Train.Count == 0)
            throw new EvoDslException("the training set is empty");
    }

    /// <summary>The output layer every DNN and baseline starts from: U(±1/sqrt(h)), PyTorch's nn.Linear default.</summary>
    public static OutputLayer InitialOutputLayer(int hidden, RunContext context)
    {
        var layer = new OutputLayer(hidden, context.Train.Classes);
        layer.InitialiseUniform(context.Seed);
        return layer;
    }
}
