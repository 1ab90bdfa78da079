namespace EvoDsl.Training;

/// <summary>
/// The sizes of a declaration's data as compile-time constants (a struct the generator emits), so a trainer
/// generic over them is compiled by the JIT for the declared sizes.
/// </summary>
public interface IDataSizes
{
    /// <summary>Inputs per example (784 for MNIST).</summary>
    static abstract int Inputs { get; }

    /// <summary>Number of classes K.</summary>
    static abstract int Classes { get; }

    /// <summary>Training examples per class (0: all of them).</summary>
    static abstract int TrainPerClass { get; }
}
