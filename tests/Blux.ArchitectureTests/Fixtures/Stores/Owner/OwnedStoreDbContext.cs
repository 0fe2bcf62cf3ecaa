using Microsoft.EntityFrameworkCore;

namespace Blux.ArchitectureTests.Fixtures.Stores.Owner;

/// <summary>A DbContext that belongs to the "Owner" scope.</summary>
internal sealed class OwnedStoreDbContext(DbContextOptions<OwnedStoreDbContext> options) : DbContext(options);
