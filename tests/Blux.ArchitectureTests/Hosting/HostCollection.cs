namespace Blux.ArchitectureTests.Hosting;

/// <summary>The test classes that share one started host.</summary>
[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "Started host";
}
