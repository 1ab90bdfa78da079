using EvoDsl.Benchmarks.Gate;
using Xunit;

namespace EvoDsl.Tests.Benchmarks;

public sealed class RegressionGateTests
{
    private const string Generation = "NneGenerationBenchmarks.SmallScaleGeneration";

    private static Baseline BaselineOf(double calibrationNs, double generationNs, long generationBytes = 0) =>
        RegressionGate.CreateBaseline(
        [
            new Measurement(RegressionGate.CalibrationId, calibrationNs, 0),
            new Measurement(Generation, generationNs, generationBytes),
        ], "test machine");

    [Fact]
    public void SameSpeedPasses()
    {
        GateResult result = RegressionGate.Compare(BaselineOf(1000, 50_000),
            [new(RegressionGate.CalibrationId, 1000, 0), new(Generation, 52_000, 0)]);
        Assert.True(result.Passed, result.ToTable());
        Assert.Equal(1.04, result.Rows.Single(r => r.Id == Generation).Ratio!.Value, 6);
    }

    [Fact]
    public void ASlowerMachineIsNotARegression()
    {
        // Everything twice as slow, calibration included: the normalized ratio stays 1.
        GateResult result = RegressionGate.Compare(BaselineOf(1000, 50_000),
            [new(RegressionGate.CalibrationId, 2000, 0), new(Generation, 100_000, 0)]);
        Assert.True(result.Passed, result.ToTable());
    }

    [Fact]
    public void AKernelSlowerThanTheThresholdFailsWithAReadableRow()
    {
        GateResult result = RegressionGate.Compare(BaselineOf(1000, 50_000),
            [new(RegressionGate.CalibrationId, 1000, 0), new(Generation, 100_000, 0)]);
        Assert.False(result.Passed);
        GateRow row = result.Rows.Single(r => r.Id == Generation);
        Assert.Equal("SLOWER", row.Verdict);
        Assert.Equal(2.0, row.Ratio!.Value, 6);
        string table = result.ToTable();
        Assert.Contains("benchmark", table);
        Assert.Contains("2.00×", table);
        Assert.Contains("FAIL", table);
    }

    [Fact]
    public void JustUnderTheThresholdPassesJustOverFails()
    {
        Baseline baseline = BaselineOf(1000, 400_000);
        Assert.True(RegressionGate.Compare(baseline, [new(RegressionGate.CalibrationId, 1000, 0), new(Generation, 499_000, 0)]).Passed);
        Assert.False(RegressionGate.Compare(baseline, [new(RegressionGate.CalibrationId, 1000, 0), new(Generation, 501_000, 0)]).Passed);
        Assert.True(RegressionGate.Compare(baseline, [new(RegressionGate.CalibrationId, 1000, 0), new(Generation, 501_000, 0)], threshold: 0.5).Passed);
    }

    [Fact]
    public void AllocatingWhereTheBaselineAllocatedNothingFails()
    {
        GateResult result = RegressionGate.Compare(BaselineOf(1000, 50_000),
            [new(RegressionGate.CalibrationId, 1000, 0), new(Generation, 50_000, 280)]);
        Assert.False(result.Passed);
        Assert.Equal("ALLOCATES", result.Rows.Single(r => r.Id == Generation).Verdict);
        Assert.Contains("0 B → 280 B", result.ToTable());
    }

    [Fact]
    public void AllocationThatTheBaselineAlreadyHadIsNotGated()
    {
        GateResult result = RegressionGate.Compare(BaselineOf(1000, 50_000, generationBytes: 4096),
            [new(RegressionGate.CalibrationId, 1000, 0), new(Generation, 50_000, 5000)]);
        Assert.True(result.Passed, result.ToTable());
    }

    [Fact]
    public void ARunWithoutTheCalibrationIsRefused()
    {
        var error = Assert.Throws<EvoDslException>(() =>
            RegressionGate.Compare(BaselineOf(1000, 50_000), [new(Generation, 50_000, 0)]));
        Assert.Contains(RegressionGate.CalibrationId, error.Message);
    }

    [Fact]
    public void BenchmarksMissingFromTheRunOrTheBaselineAreListedNotFailed()
    {
        GateResult result = RegressionGate.Compare(BaselineOf(1000, 50_000),
            [new(RegressionGate.CalibrationId, 1000, 0), new("Other.Method", 10, 0)]);
        Assert.True(result.Passed);
        Assert.Equal("not run", result.Rows.Single(r => r.Id == Generation).Verdict);
        Assert.Equal("new (not in baseline)", result.Rows.Single(r => r.Id == "Other.Method").Verdict);
    }

    [Fact]
    public void BaselineRoundTripsThroughItsFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"evodsl-baseline-{Guid.NewGuid():N}.json");
        try
        {
            Baseline written = BaselineOf(1000, 50_000);
            written.Save(path);
            Baseline read = Baseline.Load(path);
            Assert.Equal(written.Benchmarks.Keys, read.Benchmarks.Keys);
            Assert.Equal(50.0, read.Benchmarks[Generation].Normalized, 9);
            Assert.Equal(0, read.Benchmarks[Generation].AllocatedBytes);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LessThanOneObjectPerOperationIsNotAnAllocatingStep()
    {
        Baseline baseline = BaselineOf(1000, 500_000);
        Assert.True(RegressionGate.Compare(baseline, [new(RegressionGate.CalibrationId, 1000, 0), new(Generation, 500_000, 5)]).Passed);
        Assert.False(RegressionGate.Compare(baseline, [new(RegressionGate.CalibrationId, 1000, 0), new(Generation, 500_000, 24)]).Passed);
    }

    [Fact]
    public void MicrosecondBenchmarksAreReportedNotGatedButTheirAllocationsAre()
    {
        const string tiny = "NeurashedBenchmarks.Step(Width=1001&BatchSize=1)";
        Baseline baseline = RegressionGate.CreateBaseline(
            [new(RegressionGate.CalibrationId, 1000, 0), new(Generation, 50_000, 0), new(tiny, 14_000, 0)], "test machine");

        GateResult slower = RegressionGate.Compare(baseline,
            [new(RegressionGate.CalibrationId, 1000, 0), new(Generation, 50_000, 0), new(tiny, 28_000, 0)]);
        Assert.True(slower.Passed, slower.ToTable());
        Assert.Equal("reported", slower.Rows.Single(r => r.Id == tiny).Verdict);

        GateResult allocating = RegressionGate.Compare(baseline,
            [new(RegressionGate.CalibrationId, 1000, 0), new(Generation, 50_000, 0), new(tiny, 14_000, 64)]);
        Assert.False(allocating.Passed);
    }

    [Fact]
    public void GeneratorTimesAreReportedNotGatedButTheirAllocationsAre()
    {
        const string generator = "GeneratorBenchmarks.WarmRunAfterUnrelatedEdit";
        Baseline baseline = RegressionGate.CreateBaseline(
            [new(RegressionGate.CalibrationId, 1000, 0), new(generator, 30_000, 0)], "test machine");

        GateResult slower = RegressionGate.Compare(baseline, [new(RegressionGate.CalibrationId, 1000, 0), new(generator, 90_000, 0)]);
        Assert.True(slower.Passed, slower.ToTable());
        Assert.Equal("reported", slower.Rows.Single(r => r.Id == generator).Verdict);

        GateResult allocating = RegressionGate.Compare(baseline, [new(RegressionGate.CalibrationId, 1000, 0), new(generator, 30_000, 64)]);
        Assert.False(allocating.Passed);
    }

    [Fact]
    public void EachMachineClassHasItsOwnBaselineFile()
    {
        string name = GateCommands.MachineClass();
        Assert.Matches("^(avx-512|avx2|128-bit-vectors|no-vectors)-[0-9]+-cores$", name);
        Assert.Equal(Path.Combine(GateCommands.BaselineDirectory, name + ".json"), GateCommands.DefaultBaselinePath);
    }
}
