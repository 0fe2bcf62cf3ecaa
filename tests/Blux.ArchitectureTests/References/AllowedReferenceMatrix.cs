using Blux.ArchitectureTests.Catalog;

namespace Blux.ArchitectureTests.References;

/// <summary>
/// The one table of allowed assembly references. Rows are the kind of the referencing assembly,
/// columns the Blux assembly it references, seen from it; any Blux reference not ticked is a violation.
/// <code>
///                   SharedKernel  own Contracts  other Contracts  own module  other module  Host
///   SharedKernel         .             .               .               .            .         .
///   X.Contracts          x             .               .               .            .         .
///   X (module)           x             x               x               .            .         .
///   Host                 x             -               x               -            x         .
/// </code>
/// The host belongs to no module, so every module and every Contracts is "other" to it. Outside Blux,
/// a Contracts assembly may reference only the base shared framework and the mediator abstractions
/// (no EF Core, no ASP.NET Core); the other kinds may reference any package.
/// </summary>
public sealed class AllowedReferenceMatrix
{
    public const string MediatorAbstractions = "Mediator";

    private static readonly IReadOnlyDictionary<AssemblyKind, ReferenceTarget[]> BluxRows = new Dictionary<AssemblyKind, ReferenceTarget[]>
    {
        [AssemblyKind.SharedKernel] = [],
        [AssemblyKind.Contracts] = [ReferenceTarget.SharedKernel],
        [AssemblyKind.Module] = [ReferenceTarget.SharedKernel, ReferenceTarget.OwnContracts, ReferenceTarget.OtherContracts],
        [AssemblyKind.Host] = [ReferenceTarget.SharedKernel, ReferenceTarget.OtherContracts, ReferenceTarget.OtherModule],
    };

    /// <summary>Non-framework packages a kind may reference; a kind not listed may reference any.</summary>
    private static readonly IReadOnlyDictionary<AssemblyKind, string[]> RestrictedPackages = new Dictionary<AssemblyKind, string[]>
    {
        [AssemblyKind.Contracts] = [MediatorAbstractions],
    };

    private readonly Dictionary<string, (AssemblyKind Kind, string? Module)> bluxAssemblies = new(StringComparer.Ordinal);
    private readonly IReadOnlySet<string> sharedFramework;

    public AllowedReferenceMatrix(IEnumerable<string> modules, IReadOnlySet<string> sharedFramework)
    {
        this.sharedFramework = sharedFramework;
        bluxAssemblies[BluxModules.SharedKernel] = (AssemblyKind.SharedKernel, null);
        bluxAssemblies[BluxModules.Host] = (AssemblyKind.Host, null);
        foreach (var module in modules)
        {
            bluxAssemblies[BluxModules.Contracts(module)] = (AssemblyKind.Contracts, module);
            bluxAssemblies[BluxModules.Implementation(module)] = (AssemblyKind.Module, module);
        }
    }

    public static AllowedReferenceMatrix ForBlux { get; } = new(BluxModules.Names, SharedFrameworkAssemblies.Names);

    public IEnumerable<string> KnownAssemblies => bluxAssemblies.Keys;

    /// <summary>Every Blux assembly name, known or not (an unknown one is a module missing from the list).</summary>
    public bool IsBlux(string assembly) =>
        bluxAssemblies.ContainsKey(assembly) || assembly.StartsWith("Blux.", StringComparison.Ordinal);

    public bool Allows(string from, string to) => Explain(from, to) is null;

    /// <summary>Why <paramref name="from"/> may not reference <paramref name="to"/>, or null when it may.</summary>
    public string? Explain(string from, string to)
    {
        if (!bluxAssemblies.TryGetValue(from, out var source))
        {
            return $"{from} is not in the reference matrix (is its module missing from BluxModules.Names?)";
        }

        if (IsBlux(to))
        {
            if (!bluxAssemblies.TryGetValue(to, out var target))
            {
                return $"{to} is not in the reference matrix (is its module missing from BluxModules.Names?)";
            }

            var column = Column(source.Module, target);
            return BluxRows[source.Kind].Contains(column)
                ? null
                : $"a {source.Kind} assembly may not reference {Describe(column)} ({to})";
        }

        if (!RestrictedPackages.TryGetValue(source.Kind, out var packages) || sharedFramework.Contains(to) || packages.Contains(to))
        {
            return null;
        }

        return $"a {source.Kind} assembly may reference only the base framework, Blux.SharedKernel and {string.Join(", ", packages)}, not {to}";
    }

    private static ReferenceTarget Column(string? sourceModule, (AssemblyKind Kind, string? Module) target) => target.Kind switch
    {
        AssemblyKind.SharedKernel => ReferenceTarget.SharedKernel,
        AssemblyKind.Host => ReferenceTarget.Host,
        AssemblyKind.Contracts => target.Module == sourceModule ? ReferenceTarget.OwnContracts : ReferenceTarget.OtherContracts,
        _ => target.Module == sourceModule ? ReferenceTarget.OwnModule : ReferenceTarget.OtherModule,
    };

    private static string Describe(ReferenceTarget column) => column switch
    {
        ReferenceTarget.SharedKernel => "the shared kernel",
        ReferenceTarget.OwnContracts => "its own Contracts",
        ReferenceTarget.OtherContracts => "another module's Contracts",
        ReferenceTarget.OwnModule => "its own module implementation",
        ReferenceTarget.OtherModule => "a module implementation",
        _ => "the host",
    };
}
