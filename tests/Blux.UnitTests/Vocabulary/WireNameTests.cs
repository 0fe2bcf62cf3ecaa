using Blux.SharedKernel.Vocabulary;

namespace Blux.UnitTests.Vocabulary;

public sealed class WireNameTests
{
    public enum Phase
    {
        Pending,
        AwaitingApproval,
        TimedOut,
    }

    [Theory]
    [InlineData(Phase.Pending, "pending")]
    [InlineData(Phase.AwaitingApproval, "awaiting_approval")]
    [InlineData(Phase.TimedOut, "timed_out")]
    public void A_member_is_named_in_snake_case_and_read_back(Phase member, string name)
    {
        WireName<Phase>.Of(member).Should().Be(name);
        WireName<Phase>.Parse(name).Should().Be(member);
    }

    [Fact]
    public void Every_name_is_listed_in_the_enum_order()
    {
        WireName<Phase>.All.Should().Equal("pending", "awaiting_approval", "timed_out");
        WireName<Phase>.Listed.Should().Be("pending, awaiting_approval or timed_out");
    }

    [Theory]
    [InlineData("Pending")]
    [InlineData("PENDING")]
    [InlineData(" pending")]
    [InlineData("pending\0")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("AwaitingApproval")]
    [InlineData("awaiting-approval")]
    [InlineData("")]
    [InlineData("\ud800")]
    public void Only_the_exact_name_is_read(string text)
    {
        WireName<Phase>.TryParse(text, out _).Should().BeFalse();
        FluentActions.Invoking(() => WireName<Phase>.Parse(text)).Should().Throw<FormatException>().WithMessage("*must be pending, awaiting_approval or timed_out*");
    }

    [Fact]
    public void Null_is_not_a_member() => WireName<Phase>.TryParse(null, out _).Should().BeFalse();

    [Fact]
    public void A_value_outside_the_enum_has_no_name() =>
        FluentActions.Invoking(() => WireName<Phase>.Of((Phase)42)).Should().Throw<ArgumentOutOfRangeException>();
}
