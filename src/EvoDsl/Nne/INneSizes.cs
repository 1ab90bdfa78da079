namespace EvoDsl.Nne;

/// <summary>
/// The sizes of one declared NNE experiment, emitted by the generator as a struct of constants and
/// passed as a type argument so the JIT compiles the evaluation loop for exactly these sizes.
/// </summary>
public interface INneSizes
{
    static abstract int Inputs { get; }
    static abstract int Hidden { get; }
    static abstract int Classes { get; }
    static abstract int Genes { get; }
    static abstract int Population { get; }
    static abstract int TrainSize { get; }
}
