using Blux.Modules.Lite.Datasets;

namespace Blux.UnitTests.Lite;

public sealed class DatasetReferenceTests
{
    [Theory]
    [InlineData("ref://data/set1", true, "set1")]
    [InlineData("ref://data/sales-2026.q1", true, "sales-2026.q1")]
    [InlineData("ref://data/", false, "")]
    [InlineData("ref://data/../x", false, "")]
    [InlineData("ref://data/a/b", false, "")]
    [InlineData("ref://data/.hidden", false, "")]
    [InlineData("file:///etc/passwd", false, "")]
    [InlineData("ref://data/set1\n", false, "")]
    [InlineData("ref://data/set1\r\n", false, "")]
    [InlineData("ref://data/\nset1", false, "")]
    public void References_name_one_dataset(string reference, bool valid, string name)
    {
        DatasetReference.TryParse(reference, out var parsed).Should().Be(valid);
        parsed.Should().Be(name);
    }

    [Theory]
    [InlineData("ref://data/set1", new[] { "ref://data/*" }, true)]
    [InlineData("ref://data/public-a", new[] { "ref://data/public-*" }, true)]
    [InlineData("ref://data/secret", new[] { "ref://data/public-*" }, false)]
    [InlineData("ref://data/set1", new[] { "ref://data/set1" }, true)]
    [InlineData("ref://data/set10", new[] { "ref://data/set1" }, false)]
    [InlineData("ref://data/set1", new string[0], false)]
    [InlineData("ref://data/a.b", new[] { "ref://data/a?b" }, false)]
    [InlineData("ref://data/set1\n", new[] { "ref://data/set1" }, false)]
    [InlineData("ref://data/set1\n", new[] { "ref://data/*" }, false)]
    [InlineData("x\nref://data/set1", new[] { "ref://data/*" }, false)]
    public void Doctrine_patterns_admit_what_they_match_and_nothing_else(string reference, string[] patterns, bool allowed) =>
        DatasetReference.IsAllowed(reference, patterns).Should().Be(allowed);
}
