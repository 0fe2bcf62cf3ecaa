using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Blux.Modules.Ca.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class CaDesignTimeDbContextFactory : IDesignTimeDbContextFactory<CaDbContext>
{
    public CaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CaDbContext>().UseSqlite("Data Source=ca.db").Options);
}
