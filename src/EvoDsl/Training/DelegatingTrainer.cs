namespace EvoDsl.Training;

/// <summary>
/// A learning system whose steps another trainer runs (the output-layer systems all run on
/// OutputLayerTraining with their own rule): every <see cref="ITrainer"/> member goes to <see cref="Inner"/>.
/// </summary>
public abstract class DelegatingTrainer : ITrainer
{
    /// <summary>The trainer doing the work; set by the constructor.</summary>
    protected abstract ITrainer Inner { get; }

    public int Completed => Inner.Completed;

    public long UnitsPerStep => Inner.UnitsPerStep;

    public double LastStepScore => Inner.LastStepScore;

    public void Step() => Inner.Step();

    public IReadOnlyList<Metric> Evaluate() => Inner.Evaluate();

    public void WriteArtifacts(string directory) => Inner.WriteArtifacts(directory);

    public virtual void WriteState(BinaryWriter writer) => Inner.WriteState(writer);

    public virtual void ReadState(BinaryReader reader) => Inner.ReadState(reader);

    public void Dispose() => Inner.Dispose();
}
