using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Blux.Modules.Guard.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class GuardDesignTimeDbContextFactory : IDesignTimeDbContextFactory<GuardDbContext>
{
    public GuardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GuardDbContext>().UseSqlite("Data Source=guard.db").Options);
}
