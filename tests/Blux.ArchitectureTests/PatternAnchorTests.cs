using Blux.ArchitectureTests.Catalog;
using Blux.ArchitectureTests.Fixtures.Patterns;
using Blux.ArchitectureTests.Patterns;

namespace Blux.ArchitectureTests;

/// <summary>Identifier patterns match the whole value: none of the product's patterns ends in <c>$</c>.</summary>
public sealed class PatternAnchorTests
{
    [Fact]
    public void No_pattern_of_the_product_is_anchored_with_a_dollar() =>
        PatternAnchorRule.Violations(ProductAssemblies.All.SelectMany(a => a.GetTypes())).Should().BeEmpty();

    [Fact]
    public void The_rule_sees_the_products_patterns() =>
        PatternAnchorRule.GeneratedPatterns(ProductAssemblies.All.SelectMany(a => a.GetTypes()))
            .Select(p => p.Site.Split('.')[^1]).Should().Contain(["TaskIdPattern", "IdPattern", "KidPattern", "NamePattern", "HashPattern"]);

    [Fact]
    public void A_pattern_ending_in_a_dollar_is_reported_and_the_others_are_not() =>
        PatternAnchorRule.Violations([typeof(DollarAnchoredPatterns)]).Should().ContainSingle()
            .Which.Should().Contain(nameof(DollarAnchoredPatterns.EndsInDollar));
}
