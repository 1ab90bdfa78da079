using EvoDsl.Training;
using Xunit;

namespace EvoDsl.Tests.Dnn;

/// <summary>The allocation count the 0 B tests rely on sees an allocation a step makes every time.</summary>
public sealed class StepAllocationsTests
{
    private sealed class AllocatingTrainer : ITrainer
    {
        private object? _kept;

        public int Completed { get; private set; }
        public long UnitsPerStep => 1;
        public double LastStepScore => 0;

        public void Step()
        {
            _kept = new byte[64]; // 88 B on x64: the array header and its 64 bytes
            Completed++;
        }

        public IReadOnlyList<Metric> Evaluate() => [new("kept", _kept is null ? 0 : 1)];
        public void WriteArtifacts(string directory) { }
        public void WriteState(BinaryWriter writer) { }
        public void ReadState(BinaryReader reader) { }
        public void Dispose() { }
    }

    [Fact]
    public void AStepThatAllocatesEveryTimeIsCountedInEveryWindow()
    {
        long bytes = DnnTestData.StepAllocations(new AllocatingTrainer(), warmUpSteps: 5);
        Assert.InRange(bytes, 10 * 64, 10 * 128); // 10 steps of one 64-byte array each
    }
}
