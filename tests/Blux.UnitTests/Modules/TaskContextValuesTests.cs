using Blux.SharedKernel.Events;

namespace Blux.UnitTests.Modules;

public sealed class TaskContextValuesTests
{
    [Theory]
    [InlineData("development", "development")]
    [InlineData("dev", "development")]
    [InlineData("staging", "staging")]
    [InlineData("stage", "staging")]
    [InlineData("production", "production")]
    [InlineData("prod", "production")]
    public void A_request_names_an_environment_by_its_full_or_short_name(string value, string expected) =>
        TaskContextValues.Environment(value).Should().Be(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Production")]
    [InlineData("test")]
    public void Anything_else_names_no_environment(string? value) =>
        TaskContextValues.Environment(value).Should().BeNull();

    [Theory]
    [InlineData("low", true)]
    [InlineData("critical", true)]
    [InlineData("High", false)]
    [InlineData(null, false)]
    public void Sensitivities_are_the_four_of_the_spec(string? value, bool known) =>
        TaskContextValues.IsSensitivity(value).Should().Be(known);
}
