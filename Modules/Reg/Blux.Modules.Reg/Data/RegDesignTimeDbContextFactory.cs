using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Blux.Modules.Reg.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class RegDesignTimeDbContextFactory : IDesignTimeDbContextFactory<RegDbContext>
{
    public RegDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RegDbContext>().UseSqlite("Data Source=reg.db").Options);
}
