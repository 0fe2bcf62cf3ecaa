namespace Blux.ArchitectureTests.References;

/// <summary>The kinds of Blux assembly, the rows of <see cref="AllowedReferenceMatrix"/>.</summary>
public enum AssemblyKind
{
    SharedKernel,
    Contracts,
    Module,
    Host,
}
