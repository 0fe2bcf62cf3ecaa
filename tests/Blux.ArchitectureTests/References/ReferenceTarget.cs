namespace Blux.ArchitectureTests.References;

/// <summary>A Blux assembly as seen from the one referencing it, the columns of <see cref="AllowedReferenceMatrix"/>.</summary>
public enum ReferenceTarget
{
    SharedKernel,
    OwnContracts,
    OtherContracts,
    OwnModule,
    OtherModule,
    Host,
}
