namespace Blux.ArchitectureTests.Stores;

/// <summary>A DbContext and the code scope (module) that owns it.</summary>
public sealed record OwnedDbContext(Type Type, string Owner);
