using System.Runtime.CompilerServices;
using Shouldly;

namespace EvoDsl.Generators.Tests;

/// <summary>
/// Approved-file snapshots of generated code: Snapshots/{Test}#{HintName}.approved.cs, where the hint
/// name "X.g.cs" becomes "X.g" (the Verify/Mapperly convention). A mismatch leaves a .received.cs
/// beside it; review it and rename it to .approved.cs to accept the change.
/// </summary>
internal static class Snapshot
{
    public static void ShouldMatchApproved(string generated, string hintName, [CallerMemberName] string test = "")
    {
        string stem = hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName[..^".cs".Length] : hintName;
        generated.ShouldMatchApproved(c => c
            .SubFolder("Snapshots")
            .WithFileExtension("cs")
            .WithFilenameGenerator((_, _, fileType, extension) => $"{test}#{stem}.{fileType}.{extension}")
            .NoDiff());
    }
}
