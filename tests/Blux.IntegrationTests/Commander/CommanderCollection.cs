namespace Blux.IntegrationTests.Commander;

/// <summary>Every browser test shares one Blux (a child process on a real port) and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class CommanderCollection : ICollectionFixture<CommanderHost>
{
    public const string Name = "Commander";
}
