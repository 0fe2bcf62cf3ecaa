namespace Blux.IntegrationTests.Deployment;

/// <summary>
/// The Release publish takes both cores of a small machine for minutes; it runs alone, so it does
/// not starve the tests that put a host under load at the same time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishCollection
{
    public const string Name = "Publish";
}
