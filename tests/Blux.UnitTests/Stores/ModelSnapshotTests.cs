using Blux.Modules.Ca.Data;
using Blux.Modules.Guard.Data;
using Blux.Modules.Lite.Data;
using Blux.Modules.Reg.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Blux.UnitTests.Stores;

/// <summary>
/// Each module's model, as its DbContext builds it, is the one its last migration recorded: a mapping
/// changed without a migration (or a shared convention that renames a column) fails here, not at a
/// customer's first start on an older store.
/// </summary>
public sealed class ModelSnapshotTests
{
    public static TheoryData<string> Modules => ["reg", "guard", "ca", "lite"];

    [Theory]
    [MemberData(nameof(Modules))]
    public void The_model_needs_no_new_migration(string module)
    {
        using var db = Create(module);

        db.Database.HasPendingModelChanges().Should().BeFalse($"{module}'s model must equal its migrations' snapshot");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void The_model_differs_from_its_snapshot_in_nothing(string module)
    {
        using var db = Create(module);
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model;
        var current = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var initialized = db.GetService<IModelRuntimeInitializer>().Initialize(snapshot);

        db.GetService<IMigrationsModelDiffer>().GetDifferences(initialized.GetRelationalModel(), current)
            .Should().BeEmpty($"{module}'s tables, columns, keys and indexes are the ones its migrations made");
    }

    private static DbContext Create(string module) => module switch
    {
        "reg" => new RegDesignTimeDbContextFactory().CreateDbContext([]),
        "guard" => new GuardDesignTimeDbContextFactory().CreateDbContext([]),
        "ca" => new CaDesignTimeDbContextFactory().CreateDbContext([]),
        _ => new LiteDesignTimeDbContextFactory().CreateDbContext([]),
    };
}
