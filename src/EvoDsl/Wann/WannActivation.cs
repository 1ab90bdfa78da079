using System.Numerics.Tensors;

namespace EvoDsl.Wann;

/// <summary>A node's activation, numbered as the reference numbers them (docs/wann.md §4).</summary>
public enum WannActivation : byte
{
    Linear = 1,
    Step = 2,
    Sin = 3,
    Gaussian = 4,
    Tanh = 5,
    Sigmoid = 6,
    Inverse = 7,
    Absolute = 8,
    ReLU = 9,
    Cos = 10,
    Square = 11,
}

/// <summary>The activations' formulas, for one value (the reference) and for a batch (what a network runs).</summary>
public static class WannActivations
{
    /// <summary>The hidden activations of the reference's classification tasks, MNIST among them: all but step and square.</summary>
    public static IReadOnlyList<WannActivation> Classification { get; } =
    [
        WannActivation.Linear, WannActivation.Sin, WannActivation.Gaussian, WannActivation.Tanh, WannActivation.Sigmoid,
        WannActivation.Inverse, WannActivation.Absolute, WannActivation.ReLU, WannActivation.Cos,
    ];

    /// <summary>f(x), in double: the reference the batch form is tested against.</summary>
    public static double Apply(WannActivation activation, double x) => activation switch
    {
        WannActivation.Linear => x,
        WannActivation.Step => x > 0 ? 1 : 0,
        WannActivation.Sin => Math.Sin(Math.PI * x),
        WannActivation.Gaussian => Math.Exp(-x * x / 2),
        WannActivation.Tanh => Math.Tanh(x),
        WannActivation.Sigmoid => (Math.Tanh(x / 2) + 1) / 2,
        WannActivation.Inverse => -x,
        WannActivation.Absolute => Math.Abs(x),
        WannActivation.ReLU => Math.Max(0, x),
        WannActivation.Cos => Math.Cos(Math.PI * x),
        WannActivation.Square => x * x,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "not a WANN activation"),
    };

    /// <summary>f′(x), for training a network's own weights.</summary>
    public static double Derivative(WannActivation activation, double x) => activation switch
    {
        WannActivation.Linear => 1,
        WannActivation.Step => 0,
        WannActivation.Sin => Math.PI * Math.Cos(Math.PI * x),
        WannActivation.Gaussian => -x * Math.Exp(-x * x / 2),
        WannActivation.Tanh => 1 - Math.Tanh(x) * Math.Tanh(x),
        WannActivation.Sigmoid => (1 - Math.Tanh(x / 2) * Math.Tanh(x / 2)) / 4,
        WannActivation.Inverse => -1,
        WannActivation.Absolute => Math.Sign(x),
        WannActivation.ReLU => x > 0 ? 1 : 0,
        WannActivation.Cos => -Math.PI * Math.Sin(Math.PI * x),
        WannActivation.Square => 2 * x,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "not a WANN activation"),
    };

    /// <summary>values[i] = f(values[i]) for a batch, in place, with the tensor primitives.</summary>
    public static void Apply(WannActivation activation, Span<float> values)
    {
        switch (activation)
        {
            case WannActivation.Linear:
                break;
            case WannActivation.Step:
                foreach (ref float v in values)
                    v = v > 0 ? 1 : 0;
                break;
            case WannActivation.Sin:
                TensorPrimitives.SinPi(values, values);
                break;
            case WannActivation.Gaussian:
                TensorPrimitives.Multiply(values, values, values);
                TensorPrimitives.Multiply(values, -0.5f, values);
                TensorPrimitives.Exp(values, values);
                break;
            case WannActivation.Tanh:
                TensorPrimitives.Tanh(values, values);
                break;
            case WannActivation.Sigmoid:
                TensorPrimitives.Multiply(values, 0.5f, values);
                TensorPrimitives.Tanh(values, values);
                TensorPrimitives.Add(values, 1f, values);
                TensorPrimitives.Multiply(values, 0.5f, values);
                break;
            case WannActivation.Inverse:
                TensorPrimitives.Negate(values, values);
                break;
            case WannActivation.Absolute:
                TensorPrimitives.Abs(values, values);
                break;
            case WannActivation.ReLU:
                TensorPrimitives.Max(values, 0f, values);
                break;
            case WannActivation.Cos:
                TensorPrimitives.CosPi(values, values);
                break;
            case WannActivation.Square:
                TensorPrimitives.Multiply(values, values, values);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "not a WANN activation");
        }
    }
}
