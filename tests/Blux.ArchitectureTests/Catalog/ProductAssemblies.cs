using System.Reflection;

namespace Blux.ArchitectureTests.Catalog;

/// <summary>The assemblies Blux ships: the host, the shared kernel and each module's two projects.</summary>
public static class ProductAssemblies
{
    public static IReadOnlyList<string> Names { get; } =
    [
        BluxModules.Host,
        BluxModules.SharedKernel,
        .. BluxModules.Names.SelectMany(m => new[] { BluxModules.Contracts(m), BluxModules.Implementation(m) }),
    ];

    private static readonly Lazy<IReadOnlyList<Assembly>> Loaded = new(() =>
        Names.Select(name => Assembly.Load(new AssemblyName(name))).ToList());

    public static IReadOnlyList<Assembly> All => Loaded.Value;

    public static Assembly Named(string name) => All.Single(a => a.GetName().Name == name);

    public static Assembly Implementation(string module) => Named(BluxModules.Implementation(module));

    public static Assembly Contracts(string module) => Named(BluxModules.Contracts(module));
}
