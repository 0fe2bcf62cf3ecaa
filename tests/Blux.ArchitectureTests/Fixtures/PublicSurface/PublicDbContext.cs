using Microsoft.EntityFrameworkCore;

namespace Blux.ArchitectureTests.Fixtures.PublicSurface;

/// <summary>Breaks rule 5: a sealed DbContext that is public.</summary>
public sealed class PublicDbContext(DbContextOptions<PublicDbContext> options) : DbContext(options);
