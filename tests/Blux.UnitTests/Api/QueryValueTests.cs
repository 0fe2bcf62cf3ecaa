using Blux.SharedKernel.Api;

namespace Blux.UnitTests.Api;

public sealed class QueryValueTests
{
    [Theory]
    [InlineData("2026-01-01T00:00:00Z", "2026-01-01T00:00:00+00:00")]
    [InlineData("2026-01-01T02:00+02:00", "2026-01-01T00:00:00+00:00")]
    [InlineData("2026-01-01T00:00:00.1234567-01:30", "2026-01-01T01:30:00.1234567+00:00")]
    public void A_time_with_its_offset_is_read_as_the_instant_in_utc(string raw, string instant)
    {
        QueryValue.IsOffsetTime(raw).Should().BeTrue();
        QueryValue.OffsetTime(raw).Should().Be(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
        QueryValue.OffsetTime(raw)!.Value.Offset.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00")]
    [InlineData("2026-01-01")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-01-01T00:00:00Z\n")]
    [InlineData("２026-01-01T00:00:00Z")]
    [InlineData("2026-01-01T00:00:00.12345678Z")]
    [InlineData("1/1/2026 00:00:00 +00:00")]
    public void Any_other_form_is_refused_and_never_read(string raw)
    {
        QueryValue.IsOffsetTime(raw).Should().BeFalse();
        FluentActions.Invoking(() => QueryValue.OffsetTime(raw)).Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Left_out_is_no_time(string? raw)
    {
        QueryValue.IsOffsetTime(raw).Should().BeTrue();
        QueryValue.OffsetTime(raw).Should().BeNull();
    }

    [Fact]
    public void A_huge_value_is_refused_before_it_is_parsed() =>
        QueryValue.IsOffsetTime("2026-01-01T00:00:00" + new string('0', 100_000) + "Z").Should().BeFalse();
}
