namespace Blux.ArchitectureTests.Fixtures.PublicSurface;

/// <summary>The one public type a module may have; the other types of this namespace break rule 5.</summary>
public static class LeakyModule;
