namespace Blux.ArchitectureTests.Catalog;

/// <summary>
/// The assemblies of the base shared framework (Microsoft.NETCore.App) this test runs on. ASP.NET Core
/// and its Microsoft.Extensions.* live in a separate shared framework, so they are not in this set.
/// </summary>
public static class SharedFrameworkAssemblies
{
    private static readonly Lazy<IReadOnlySet<string>> Loaded = new(() =>
        Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal));

    public static IReadOnlySet<string> Names => Loaded.Value;
}
