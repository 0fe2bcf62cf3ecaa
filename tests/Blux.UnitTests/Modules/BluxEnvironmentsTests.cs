using Blux.SharedKernel.Modules;

namespace Blux.UnitTests.Modules;

public sealed class BluxEnvironmentsTests
{
    [Theory]
    [InlineData(null, "development")]
    [InlineData("", "development")]
    [InlineData("dev", "development")]
    [InlineData(" Development ", "development")]
    [InlineData("stage", "staging")]
    [InlineData("STAGING", "staging")]
    [InlineData("prod", "production")]
    [InlineData("production", "production")]
    public void The_environment_names_and_their_short_forms_are_understood(string? value, string expected) =>
        BluxEnvironments.Normalize(value).Should().Be(expected);

    [Theory]
    [InlineData("prodution")]
    [InlineData("live")]
    public void An_unknown_environment_names_none_instead_of_meaning_development(string value) =>
        BluxEnvironments.Normalize(value).Should().BeNull();
}
