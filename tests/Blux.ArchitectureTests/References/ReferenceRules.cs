using Blux.ArchitectureTests.Catalog;

namespace Blux.ArchitectureTests.References;

/// <summary>Boundary rules 1 to 4 (references), each a function from a reference model to its violations.</summary>
public static class ReferenceRules
{
    /// <summary>Rule 1: Blux.SharedKernel references no Blux assembly.</summary>
    public static IEnumerable<string> SharedKernel(AllowedReferenceMatrix matrix, AssemblyReferenceModel model) =>
        ViolationsOf(matrix, model, BluxModules.SharedKernel);

    /// <summary>Rule 2: a Contracts assembly references only SharedKernel, the mediator abstractions and the base framework.</summary>
    public static IEnumerable<string> Contracts(AllowedReferenceMatrix matrix, AssemblyReferenceModel model, string module) =>
        ViolationsOf(matrix, model, BluxModules.Contracts(module));

    /// <summary>Rule 3: a module references SharedKernel, its own Contracts and other modules' Contracts only.</summary>
    public static IEnumerable<string> Module(AllowedReferenceMatrix matrix, AssemblyReferenceModel model, string module) =>
        ViolationsOf(matrix, model, BluxModules.Implementation(module));

    /// <summary>Rule 4: no assembly but the host references the module's implementation.</summary>
    public static IEnumerable<string> ImplementationReferencedOnlyByHost(AllowedReferenceMatrix matrix, AssemblyReferenceModel model, string module)
    {
        var implementation = BluxModules.Implementation(module);
        return model.Assemblies
            .Where(a => model.ReferencesOf(a).Contains(implementation))
            .Select(a => (From: a, Why: matrix.Explain(a, implementation)))
            .Where(r => r.Why is not null)
            .Select(r => $"{r.From} references {implementation}: {r.Why}");
    }

    private static IEnumerable<string> ViolationsOf(AllowedReferenceMatrix matrix, AssemblyReferenceModel model, string assembly)
    {
        if (!model.Contains(assembly))
        {
            return [$"{assembly} is not in the reference model"];
        }

        return model.ReferencesOf(assembly)
            .Order(StringComparer.Ordinal)
            .Select(to => (To: to, Why: matrix.Explain(assembly, to)))
            .Where(r => r.Why is not null)
            .Select(r => $"{assembly} references {r.To}: {r.Why}");
    }
}
