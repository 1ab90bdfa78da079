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

        Assert.Equal(mnist.Digits, AttributeDefaults.Digits);
        Assert.Equal(mnist.TrainPerClass, AttributeDefaults.TrainPerClass);
        Assert.Equal(hidden.EdgeProbability, AttributeDefaults.EdgeProbability);
        Assert.Equal(nne.Genes, AttributeDefaults.Genes);
        Assert.Equal(nne.Population, AttributeDefaults.Population);
        Assert.Equal(nne.GeneDensity, AttributeDefaults.GeneDensity);
        Assert.Equal(nne.Selection, AttributeDefaults.Selection);
        Assert.Equal(nne.WeightGain, AttributeDefaults.WeightGain);
        Assert.Equal(run.Generations, AttributeDefaults.Generations);
        Assert.Equal(run.EvaluateEvery, AttributeDefaults.EvaluateEvery);
        Assert.Equal(run.Seed, AttributeDefaults.Seed);
    }
}
