using Blux.Modules.Lite.Datasets;

namespace Blux.UnitTests.Lite;

public sealed class ColumnStatisticsTests
{
    private static ColumnStatistics Column(params string[] values) =>
        ColumnStatistics.Of(new CsvTable(["c"], values.Select(v => new[] { v }).ToArray(), false)).Single();

    [Fact]
    public void A_numeric_column_gets_min_max_mean_and_sample_stddev()
    {
        var column = Column("2", "4", "4", "4", "5", "5", "7", "9");

        column.Type.Should().Be("number");
        column.Count.Should().Be(8);
        column.Min.Should().Be(2.0);
        column.Max.Should().Be(9.0);
        column.Mean.Should().Be(5);
        column.Stddev.Should().BeApproximately(2.138089935299395, 1e-12);
        column.Distinct.Should().Be(5);
    }

    [Fact]
    public void Empty_null_and_na_are_nulls_in_any_case()
    {
        var column = Column("1", "", " ", "NULL", "na", "Na", "3");

        column.Count.Should().Be(2);
        column.Nulls.Should().Be(5);
        column.Mean.Should().Be(2);
    }

    [Fact]
    public void One_text_value_makes_the_column_text_with_ordinal_min_and_max()
    {
        var column = Column("10", "9", "apple");

        column.Type.Should().Be("string");
        column.Min.Should().Be("10");
        column.Max.Should().Be("apple");
        column.Mean.Should().BeNull();
        column.Stddev.Should().BeNull();
    }

    [Fact]
    public void A_single_value_has_zero_spread_and_an_all_null_column_is_empty()
    {
        Column("1e3").Stddev.Should().Be(0);
        Column("1e3").Max.Should().Be(1000.0);
        var empty = Column("", "NA");
        empty.Type.Should().Be("empty");
        empty.Count.Should().Be(0);
        empty.Nulls.Should().Be(2);
    }

    [Fact]
    public void Large_offsets_do_not_lose_the_variance()
    {
        var column = Column("1000000000.1", "1000000000.2", "1000000000.3");

        column.Stddev.Should().BeApproximately(0.1, 1e-6);
    }
}
