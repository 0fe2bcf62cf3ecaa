namespace Blux.IntegrationTests.Deployment;

/// <summary>
/// The deployment tests start Blux as child processes and publish it in Release, which takes both
/// cores of a small machine for minutes; they run alone, one after another, so they do not starve
/// the tests that put a host under load at the same time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeploymentCollection
{
    public const string Name = "Deployment";
}
