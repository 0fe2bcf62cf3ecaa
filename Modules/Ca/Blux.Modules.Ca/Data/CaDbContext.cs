using Blux.Modules.Ca.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Ca.Data;

internal sealed class CaDbContext(DbContextOptions<CaDbContext> options) : ModuleDbContext(options)
{
    public DbSet<ReflectionRecord> Reflections => Set<ReflectionRecord>();
}
