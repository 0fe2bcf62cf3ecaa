using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Blux.SharedKernel.Stores;

/// <summary>Lets <c>dotnet ef migrations add</c> build a module's context without the host, on <c>&lt;module&gt;.db</c> in the working directory.</summary>
public abstract class ModuleDesignTimeDbContextFactory<TContext>(string module, Func<DbContextOptions<TContext>, TContext> create)
    : IDesignTimeDbContextFactory<TContext>
    where TContext : ModuleDbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        ModuleStoreEngine.Use(builder, $"Data Source={module}.db");
        return create(builder.Options);
    }
}
