using System.CodeDom.Compiler;
using System.Globalization;
using System.IO;

namespace EvoDsl.Generators.Emitting;

/// <summary>How values are spelled in emitted C#.</summary>
internal static class Code
{
    /// <summary>A double as C# reads it back exactly ("0.0025", "1E-05").</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A string literal, quoted and escaped.</summary>
    public static string Literal(string value) =>
        Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>[GeneratedCode] with this generator's name and assembly version (1.0.0.0 until the generator is versioned).</summary>
    public static readonly string GeneratedCodeAttribute =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"EvoDsl.Generators\", \"{typeof(Code).Assembly.GetName().Version}\")]";
}

/// <summary>An indented text writer with a braces-and-indent block helper.</summary>
internal sealed class CodeWriter
{
    private readonly StringWriter _text = new() { NewLine = "\n" };
    private readonly IndentedTextWriter _writer;

    public CodeWriter() => _writer = new IndentedTextWriter(_text, "    ") { NewLine = "\n" };

    public void Line(string line = "")
    {
        if (line.Length == 0)
            _writer.WriteLineNoTabs("");
        else
            _writer.WriteLine(line);
    }

    public Block Block(string header)
    {
        Line(header);
        Line("{");
        _writer.Indent++;
        return new Block(this);
    }

    /// <summary>A type the generator declares whole (not the user's partial class), marked as generated for tools.</summary>
    public Block GeneratedType(string header)
    {
        Line(Code.GeneratedCodeAttribute);
        return Block(header);
    }

    public void EndBlock()
    {
        _writer.Indent--;
        Line("}");
    }

    public override string ToString()
    {
        _writer.Flush();
        return _text.ToString();
    }
}

internal readonly struct Block(CodeWriter writer) : System.IDisposable
{
    public void Dispose() => writer.EndBlock();
}
