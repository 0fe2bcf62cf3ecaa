using Blux.ArchitectureTests.Catalog;
using Blux.ArchitectureTests.Fixtures.Stores.Intruder;
using Blux.ArchitectureTests.Fixtures.Stores.Owner;
using Blux.ArchitectureTests.Hosting;
using Blux.ArchitectureTests.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Blux.ArchitectureTests;

/// <summary>
/// Rule 7: each module owns its store: its own DbContext, used by no other assembly and mapping only
/// its own entities, and its own SQLite file under the data path with its own migration history.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class StoreOwnershipTests(HostFixture host)
{
    private static readonly IReadOnlySet<string> ModuleImplementations =
        BluxModules.Names.Select(BluxModules.Implementation).ToHashSet();

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Module_defines_its_own_DbContext(string module) =>
        DbContextPlacementRule.MissingOwnContext(ProductAssemblies.Implementation(module)).Should().BeEmpty();

    [Fact]
    public void No_DbContext_is_defined_outside_a_module_implementation() =>
        DbContextPlacementRule.Misplaced(ProductAssemblies.All, ModuleImplementations).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void No_other_assembly_depends_on_the_modules_DbContext(string module)
    {
        var owner = BluxModules.Implementation(module);
        var contexts = DbContextPlacementRule.DbContextsIn(ProductAssemblies.Implementation(module))
            .Select(t => new OwnedDbContext(t, owner)).ToList();
        var scopes = ProductAssemblies.All.Select(a => new CodeScope(a.GetName().Name!, a));

        DbContextReferenceRule.Violations(contexts, scopes).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void The_dependency_scan_sees_the_modules_own_use_of_its_DbContext(string module)
    {
        var assembly = ProductAssemblies.Implementation(module);
        var contexts = DbContextPlacementRule.DbContextsIn(assembly).Select(t => new OwnedDbContext(t, "another module")).ToList();

        DbContextReferenceRule.Violations(contexts, [new CodeScope(assembly.GetName().Name!, assembly)]).Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Module_DbContexts_map_only_the_modules_own_entities(string module)
    {
        var assembly = ProductAssemblies.Implementation(module);

        foreach (var context in DbContextPlacementRule.DbContextsIn(assembly))
        {
            var violations = host.WithContext(context, db =>
            {
                db.Model.GetEntityTypes().Should().NotBeEmpty();
                return EntityOwnershipRule.Violations(context.Name, db.Model, assembly).ToList();
            });
            violations.Should().BeEmpty();
        }
    }

    [Theory]
    [MemberData(nameof(BluxModules.All), MemberType = typeof(BluxModules))]
    public void Module_has_its_own_SQLite_file_with_its_own_migration_history(string module)
    {
        var expected = ExpectedStore(module);

        var actual = SqliteStoreReader.Read(expected.Path);

        expected.OwnMigrations.Should().NotBeEmpty();
        StoreFileRule.Violations(expected, actual).Should().BeEmpty();
    }

    [Fact]
    public void A_DbContext_outside_a_module_implementation_is_reported() =>
        DbContextPlacementRule.Misplaced([typeof(OwnedStoreDbContext).Assembly], ModuleImplementations)
            .Should().Contain(v => v.StartsWith(typeof(OwnedStoreDbContext).FullName + " ", StringComparison.Ordinal));

    [Fact]
    public void A_module_without_a_DbContext_is_reported() =>
        DbContextPlacementRule.MissingOwnContext(ProductAssemblies.Named(BluxModules.SharedKernel))
            .Should().ContainSingle();

    [Fact]
    public void Code_outside_the_owner_using_its_DbContext_is_reported()
    {
        var assembly = typeof(OwnedStoreDbContext).Assembly;
        var scopes = new[]
        {
            new CodeScope("Owner", assembly, typeof(OwnedStoreDbContext).Namespace),
            new CodeScope("Intruder", assembly, typeof(OwnedStoreReader).Namespace),
        };

        DbContextReferenceRule.Violations([new OwnedDbContext(typeof(OwnedStoreDbContext), "Owner")], scopes)
            .Should().ContainSingle().Which.Should().StartWith($"{typeof(OwnedStoreReader).FullName} (Intruder) depends on");
    }

    [Fact]
    public void A_DbContext_mapping_another_assemblys_entity_or_foreign_key_is_reported()
    {
        var options = new DbContextOptionsBuilder<CrossModuleDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new CrossModuleDbContext(options);

        var violations = EntityOwnershipRule.Violations(nameof(CrossModuleDbContext), db.Model, typeof(CrossModuleDbContext).Assembly).ToList();

        violations.Should().HaveCount(2);
        violations.Should().Contain(v => v.Contains("maps Blux.Modules.Guard.Contracts.AuditHistoryItem from Blux.Modules.Guard.Contracts"));
        violations.Should().Contain(v => v.Contains($"{nameof(LocalEntity)} has a foreign key to Blux.Modules.Guard.Contracts.AuditHistoryItem"));
    }

    [Fact]
    public void A_store_matching_its_module_passes() =>
        StoreFileRule.Violations(SyntheticExpectation(), SyntheticSnapshot()).Should().BeEmpty();

    [Fact]
    public void A_missing_store_file_is_reported() =>
        StoreFileRule.Violations(SyntheticExpectation(), StoreSnapshot.Missing(SyntheticExpectation().Path))
            .Should().ContainSingle().Which.Should().Contain("has no store at");

    [Fact]
    public void A_DbContext_connected_to_another_file_is_reported() =>
        StoreFileRule.Violations(SyntheticExpectation() with { ContextDataSources = ["/data/reg.db"] }, SyntheticSnapshot())
            .Should().ContainSingle().Which.Should().Contain("connects to /data/reg.db");

    [Fact]
    public void A_store_without_migration_history_is_reported() =>
        StoreFileRule.Violations(
                SyntheticExpectation(),
                SyntheticSnapshot() with { Tables = Set("tasks"), AppliedMigrations = [] })
            .Should().Contain(v => v.Contains("has no __EFMigrationsHistory"))
            .And.Contain(v => v.Contains("does not record Lite's migration 20260101000000_Initial"));

    [Fact]
    public void Another_modules_migration_in_the_history_is_reported() =>
        StoreFileRule.Violations(
                SyntheticExpectation(),
                SyntheticSnapshot() with { AppliedMigrations = ["20260101000000_Initial", "20260101000000_RegInitial"] })
            .Should().ContainSingle().Which.Should().Contain("records migration 20260101000000_RegInitial");

    [Fact]
    public void Another_modules_table_or_a_foreign_key_to_it_is_reported() =>
        StoreFileRule.Violations(
                SyntheticExpectation(),
                SyntheticSnapshot() with
                {
                    Tables = Set("__EFMigrationsHistory", "tasks", "signing_keys"),
                    ForeignKeys = [new ForeignKeyLink("tasks", "identities")],
                })
            .Should().BeEquivalentTo(
            [
                "/data/lite.db holds table signing_keys, which no DbContext of Lite maps",
                "/data/lite.db: table tasks has a foreign key to identities, which Lite does not own",
            ]);

    [Fact]
    public void The_reader_sees_tables_history_and_foreign_keys_of_a_SQLite_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"blux-architecture-{Guid.NewGuid():N}.db");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = """
                    CREATE TABLE "__EFMigrationsHistory" (MigrationId TEXT PRIMARY KEY, ProductVersion TEXT NOT NULL);
                    INSERT INTO "__EFMigrationsHistory" VALUES ('20260101000000_Initial', '10.0.15');
                    CREATE TABLE tasks (id TEXT PRIMARY KEY, owner TEXT REFERENCES identities(id));
                    """;
                command.ExecuteNonQuery();
            }

            var snapshot = SqliteStoreReader.Read(path);

            snapshot.Exists.Should().BeTrue();
            snapshot.Tables.Should().BeEquivalentTo(["__EFMigrationsHistory", "tasks"]);
            snapshot.AppliedMigrations.Should().Equal("20260101000000_Initial");
            snapshot.ForeignKeys.Should().Equal(new ForeignKeyLink("tasks", "identities"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private StoreExpectation ExpectedStore(string module)
    {
        var contexts = DbContextPlacementRule.DbContextsIn(ProductAssemblies.Implementation(module));
        var dataSources = new List<string>();
        var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var migrations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var context in contexts)
        {
            host.WithContext(context, db =>
            {
                dataSources.Add(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
                tables.UnionWith(db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>());
                migrations.UnionWith(db.Database.GetMigrations());
                return 0;
            });
        }

        return new StoreExpectation(module, Path.Combine(host.DataPath, BluxModules.StoreFileName(module)), dataSources, tables, migrations);
    }

    private static StoreExpectation SyntheticExpectation() =>
        new("Lite", "/data/lite.db", ["/data/lite.db"], Set("tasks"), Set("20260101000000_Initial"));

    private static StoreSnapshot SyntheticSnapshot() =>
        new("/data/lite.db", true, Set("__EFMigrationsHistory", "tasks"), ["20260101000000_Initial"], []);

    private static HashSet<string> Set(params string[] values) => new(values, StringComparer.OrdinalIgnoreCase);
}
