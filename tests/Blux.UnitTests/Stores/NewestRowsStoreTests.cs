using Blux.SharedKernel.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Blux.UnitTests.Stores;

/// <summary>A store marked by its newest kept rows: what it records at a clean stop, and what it finds missing after.</summary>
public sealed class NewestRowsStoreTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly TwoTableStore _store = new();

    public NewestRowsStoreTests()
    {
        _connection.Open();
        Execute("CREATE TABLE keys (key_id TEXT PRIMARY KEY); CREATE TABLE people (id TEXT PRIMARY KEY, pending TEXT);");
    }

    [Fact]
    public void An_empty_store_has_no_mark() =>
        _store.CaptureMark(_connection).Should().BeNull();

    [Fact]
    public void The_mark_names_the_newest_row_of_each_kept_table_and_passes_over_filtered_rows()
    {
        Execute("INSERT INTO keys VALUES ('k1'), ('k2'); INSERT INTO people VALUES ('p1', NULL), ('p2', 'half done');");

        var mark = _store.CaptureMark(_connection)!;

        mark["newest_key"]!.GetValue<string>().Should().Be("k2");
        mark["newest_person"]!.GetValue<string>().Should().Be("p1");
        _store.FindMissing(_connection, mark).Should().BeNull();
    }

    [Fact]
    public void A_table_without_rows_is_left_out_of_the_mark()
    {
        Execute("INSERT INTO people VALUES ('p1', NULL);");

        var mark = _store.CaptureMark(_connection)!;

        mark.ContainsKey("newest_key").Should().BeFalse();
        _store.FindMissing(_connection, mark).Should().BeNull();
    }

    [Fact]
    public void A_removed_newest_row_is_named_with_what_its_absence_means()
    {
        Execute("INSERT INTO keys VALUES ('k1'), ('k2'); INSERT INTO people VALUES ('p1', NULL);");
        var mark = _store.CaptureMark(_connection)!;

        Execute("DELETE FROM people WHERE id = 'p1';");

        _store.FindMissing(_connection, mark).Should().Be("person p1, the newest at the last clean stop, is not in it: people were removed");
    }

    [Fact]
    public void An_id_that_reads_as_SQL_is_only_ever_a_value()
    {
        Execute("INSERT INTO keys VALUES ('x'' OR ''1''=''1');");
        var mark = _store.CaptureMark(_connection)!;

        Execute("DELETE FROM keys;");

        _store.FindMissing(_connection, mark).Should().StartWith("key x' OR '1'='1,");
    }

    [Theory]
    [InlineData("CreatedAt", "created_at")]
    [InlineData("Id", "id")]
    [InlineData("X", "x")]
    [InlineData("DoctrineFlagsApplied", "doctrine_flags_applied")]
    [InlineData("Sha256Digest", "sha256_digest")]
    [InlineData("HTTPStatus", "http_status")]
    public void Columns_are_named_in_snake_case(string property, string column) =>
        SnakeCaseColumnNames.ToSnakeCase(property).Should().Be(column);

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class TwoTableStore() : NewestRowsStore(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Blux:DataPath"] = Path.GetTempPath() }).Build(),
        "test",
        "keys",
        new KeptRow("newest_key", "keys", "key_id", "key", "keys were removed"),
        new KeptRow("newest_person", "people", "id", "person", "people were removed", Filter: "pending IS NULL"));
}
