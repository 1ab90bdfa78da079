using EvoDsl.Tests.Dnn;
using Xunit;

namespace EvoDsl.Tests.Nne;

/// <summary>
/// Counts the bytes a step allocates on the calling thread and on the worker pool's threads, so
/// other tests running in parallel cannot disturb the count.
/// </summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void StepAllocatesNothingInSteadyState(int threads)
    {
        using var trainer = TinyNne.Descriptor.Create(SyntheticDigits.Context(3, TinyNne.Descriptor.Data!.TrainPerClass, seed: 1, threads));
        Assert.Equal(0, DnnTestData.StepAllocations(trainer));
    }
}
