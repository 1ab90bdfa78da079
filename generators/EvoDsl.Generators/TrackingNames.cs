namespace EvoDsl.Generators;

/// <summary>Names of the pipeline steps, so tests can check that each one caches.</summary>
internal static class TrackingNames
{
    public const string Declarations = nameof(Declarations);
    public const string Models = nameof(Models);
    public const string Diagnostics = nameof(Diagnostics);
    public const string CatalogEntries = nameof(CatalogEntries);
}
