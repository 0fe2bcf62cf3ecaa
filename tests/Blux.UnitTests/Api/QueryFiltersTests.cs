using Blux.SharedKernel.Api;

namespace Blux.UnitTests.Api;

public sealed class QueryFiltersTests
{
    private static readonly IQueryable<(string Name, long Seq)> Rows = new[] { ("a", 1L), ("b", 2L), ("a", 3L) }.AsQueryable();

    [Fact]
    public void A_given_parameter_narrows_the_query()
    {
        Rows.WhereGiven("a", name => r => r.Name == name).Select(r => r.Seq).Should().Equal(1, 3);
        Rows.WhereGiven((long?)1, after => r => r.Seq > after).Select(r => r.Seq).Should().Equal(2, 3);
    }

    [Fact]
    public void A_parameter_left_out_leaves_the_query_as_it_is()
    {
        Rows.WhereGiven((string?)null, name => r => r.Name == name).Should().HaveCount(3);
        Rows.WhereGiven((long?)null, after => r => r.Seq > after).Should().HaveCount(3);
    }
}
