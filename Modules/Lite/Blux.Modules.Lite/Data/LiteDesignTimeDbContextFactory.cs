using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Blux.Modules.Lite.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class LiteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<LiteDbContext>
{
    public LiteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LiteDbContext>().UseSqlite("Data Source=lite.db").Options);
}
