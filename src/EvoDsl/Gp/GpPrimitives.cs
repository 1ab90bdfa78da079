using System.Globalization;

namespace EvoDsl.Gp;

/// <summary>
/// The primitive set and how a node is written: a program is an <c>int</c> array in prefix order, each entry a node.
/// A node ≥ 0 is the pixel of that index; a negative node is a function (<see cref="Add"/> … <see cref="IfGreater"/>)
/// or a constant (<see cref="Constant"/>: the grid −1, −0.9, …, 1).
/// </summary>
public static class GpPrimitives
{
    public const int Add = -1, Subtract = -2, Multiply = -3, Divide = -4, Max = -5, Min = -6, IfGreater = -7;

    /// <summary>The functions, in the order a random choice indexes them.</summary>
    public static ReadOnlySpan<int> Functions => [Add, Subtract, Multiply, Divide, Max, Min, IfGreater];

    /// <summary>How many constants the grid holds: (c − 10) / 10 for c = 0 … 20.</summary>
    public const int Constants = 21;

    private const int FirstConstant = -16;

    /// <summary>The node of grid constant <paramref name="index"/> (0 … <see cref="Constants"/> − 1).</summary>
    public static int Constant(int index) => FirstConstant - index;

    public static bool IsPixel(int node) => node >= 0;

    /// <summary>Whether <paramref name="node"/> is a primitive at all, over <paramref name="pixels"/> pixels.</summary>
    public static bool IsNode(int node, int pixels) => node < pixels && node >= Constant(Constants - 1) && (node >= IfGreater || node <= FirstConstant);

    public static bool IsConstant(int node) => node <= FirstConstant;

    /// <summary>The value of a constant node.</summary>
    public static float ValueOf(int node) => (FirstConstant - node - 10) / 10f;

    /// <summary>The number of arguments: 0 for a pixel or constant, 4 for if-greater, 2 for the others.</summary>
    public static int Arity(int node) => node >= 0 || node <= FirstConstant ? 0 : node == IfGreater ? 4 : 2;

    /// <summary>Protected division (Koza): x / y, or 1 where y is 0.</summary>
    public static float ProtectedDivide(float x, float y) => y == 0f ? 1f : x / y;

    /// <summary>A binary function at one point; the batch interpreter and the scalar reference both follow it.</summary>
    public static float Apply(int function, float x, float y) => function switch
    {
        Add => x + y,
        Subtract => x - y,
        Multiply => x * y,
        Divide => ProtectedDivide(x, y),
        Max => MathF.Max(x, y),
        Min => MathF.Min(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a binary GP function"),
    };

    /// <summary>If-greater: <paramref name="c"/> where <paramref name="a"/> &gt; <paramref name="b"/>, else <paramref name="d"/>.</summary>
    public static float IfGreaterThan(float a, float b, float c, float d) => a > b ? c : d;

    /// <summary>A node as a token of the text form: p123, 0.5, add, sub, mul, div, max, min, ifgt.</summary>
    public static string Token(int node) => node switch
    {
        >= 0 => string.Create(CultureInfo.InvariantCulture, $"p{node}"),
        Add => "add",
        Subtract => "sub",
        Multiply => "mul",
        Divide => "div",
        Max => "max",
        Min => "min",
        IfGreater => "ifgt",
        _ when IsConstant(node) => ValueOf(node).ToString("0.0", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "not a GP node"),
    };

    /// <summary>The node a token of <see cref="Token"/> names.</summary>
    public static int Parse(string token) => token switch
    {
        "add" => Add,
        "sub" => Subtract,
        "mul" => Multiply,
        "div" => Divide,
        "max" => Max,
        "min" => Min,
        "ifgt" => IfGreater,
        ['p', .. var index] => int.Parse(index, CultureInfo.InvariantCulture),
        _ => Constant((int)MathF.Round(float.Parse(token, CultureInfo.InvariantCulture) * 10) + 10),
    };
}
