using System.Reflection;

namespace Blux.ArchitectureTests.References;

/// <summary>Which assembly references which, by simple name; built from real assemblies or by hand.</summary>
public sealed class AssemblyReferenceModel
{
    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>> references;

    public AssemblyReferenceModel(IReadOnlyDictionary<string, IReadOnlySet<string>> references) =>
        this.references = references;

    public IEnumerable<string> Assemblies => references.Keys;

    public static AssemblyReferenceModel Of(IEnumerable<Assembly> assemblies) =>
        new(assemblies.ToDictionary(
            a => a.GetName().Name!,
            a => (IReadOnlySet<string>)a.GetReferencedAssemblies().Select(r => r.Name!).ToHashSet(StringComparer.Ordinal)));

    public bool Contains(string assembly) => references.ContainsKey(assembly);

    public IReadOnlySet<string> ReferencesOf(string assembly) =>
        references.TryGetValue(assembly, out var found) ? found : new HashSet<string>();

    /// <summary>A copy in which <paramref name="from"/> also references <paramref name="to"/>.</summary>
    public AssemblyReferenceModel With(string from, params string[] to)
    {
        var copy = references.ToDictionary(e => e.Key, e => e.Value);
        copy[from] = ReferencesOf(from).Concat(to).ToHashSet(StringComparer.Ordinal);
        return new AssemblyReferenceModel(copy);
    }
}
