using EvoDsl.Generators;
using Xunit;

namespace EvoDsl.Generators.Tests;

/// <summary>The generator assumes the attributes' defaults when a property is omitted: they must agree.</summary>
public sealed class AttributeDefaultsTests
{
    [Fact]
    public void GeneratorDefaultsAreTheAttributesDefaults()
    {
        var mnist = new MnistAttribute();
        var hidden = new HiddenLayerAttribute(1);
        var nne = new NneAttribute();
        var run = new RunAttribute();

        Assert.Equal(AttributeDefaults.Digits, mnist.Digits);
        Assert.Equal(AttributeDefaults.TrainPerClass, mnist.TrainPerClass);
        Assert.Equal(AttributeDefaults.EdgeProbability, hidden.EdgeProbability);
        Assert.Equal(AttributeDefaults.Genes, nne.Genes);
        Assert.Equal(AttributeDefaults.Population, nne.Population);
        Assert.Equal(AttributeDefaults.GeneDensity, nne.GeneDensity);
        Assert.Equal(AttributeDefaults.Selection, nne.Selection);
        Assert.Equal(AttributeDefaults.WeightGain, nne.WeightGain);
        Assert.Equal(AttributeDefaults.Generations, run.Generations);
        Assert.Equal(AttributeDefaults.EvaluateEvery, run.EvaluateEvery);
        Assert.Equal(AttributeDefaults.Seed, run.Seed);
        Assert.Equal(AttributeDefaults.Epochs, run.Epochs);
        Assert.Equal(AttributeDefaults.Iterations, run.Iterations);
    }

    [Fact]
    public void DnnAndBaselineDefaultsAreTheAttributesDefaults()
    {
        var random = new RandomLayerAttribute(1);
        var dopaminergic = new DopaminergicAttribute();
        var signSgd = new SignSgdAttribute();
        var sgd = new SgdAttribute();

        Assert.Equal(AttributeDefaults.KCap, random.KCap);
        Assert.Equal(AttributeDefaults.DopamineThreshold, dopaminergic.Threshold);
        Assert.Equal(AttributeDefaults.DopamineRate, dopaminergic.Rate);
        Assert.Equal(AttributeDefaults.PostSynaptic, dopaminergic.PostSynaptic.ToString());
        Assert.Equal(AttributeDefaults.PreSynaptic, dopaminergic.PreSynaptic.ToString());
        Assert.Equal(AttributeDefaults.SignSgdLearningRate, signSgd.LearningRate);
        Assert.Equal(AttributeDefaults.SignSgdBatchSize, signSgd.BatchSize);
        Assert.Null(signSgd.AllelesFrom);
        Assert.Equal(AttributeDefaults.Optimizer, sgd.Optimizer.ToString());
        Assert.Equal(AttributeDefaults.SgdLearningRate, sgd.LearningRate);
        Assert.Equal(AttributeDefaults.SgdBatchSize, sgd.BatchSize);
    }

    [Fact]
    public void NeurashedDefaultsAreTheAttributesDefaults()
    {
        var neurashed = new NeurashedAttribute();
        var random = new RandomNeurashedAttribute();
        var node = new NodeAttribute("n", 2, "a");
        var rule = new NodeRuleAttribute("a");

        Assert.Equal(AttributeDefaults.NeurashedBatchSize, neurashed.BatchSize);
        Assert.Equal(AttributeDefaults.Sampling, neurashed.Sampling.ToString());
        Assert.Equal(AttributeDefaults.AmplificationUpdate, neurashed.Update.ToString());
        Assert.Equal(AttributeDefaults.Grow, neurashed.Grow);
        Assert.Equal(AttributeDefaults.Shrink, neurashed.Shrink);
        Assert.Equal(AttributeDefaults.InitialLow, neurashed.InitialLow);
        Assert.Equal(AttributeDefaults.InitialHigh, neurashed.InitialHigh);
        Assert.Equal(AttributeDefaults.RandomClasses, random.Classes);
        Assert.Equal(AttributeDefaults.RandomLevels, random.Levels);
        Assert.Equal(AttributeDefaults.NodesPerLevel, random.NodesPerLevel);
        Assert.Equal(AttributeDefaults.SharedNodes, random.SharedNodes);
        Assert.Equal(AttributeDefaults.NodesPerClass, random.NodesPerClass);
        Assert.Equal("Any", node.Fires.ToString()); // the parser's fallback for Fires
        Assert.Equal(0, node.AtLeast);
        Assert.True(double.IsNaN(rule.Grow) && double.IsNaN(rule.Shrink)); // NaN keeps [Neurashed]'s
    }
}
