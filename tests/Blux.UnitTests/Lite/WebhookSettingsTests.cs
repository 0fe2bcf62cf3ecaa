using Blux.Modules.Lite.Routes;
using Microsoft.Extensions.Configuration;

namespace Blux.UnitTests.Lite;

public sealed class WebhookSettingsTests
{
    private static WebhookOptions Read(params (string Key, string? Value)[] settings) =>
        WebhookSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Blux:Lite:Webhooks:" + s.Key, s.Value)))
            .Build()
            .GetSection("Blux:Lite:Webhooks"));

    [Fact]
    public void Nothing_configured_gives_the_documented_defaults()
    {
        var options = Read();

        options.Targets.Should().BeEmpty();
        options.Retries.Should().Be(2);
        options.RetryDelay.Should().Be(TimeSpan.FromMilliseconds(200));
        options.AttemptTimeout.Should().Be(TimeSpan.FromSeconds(10));
        options.MaxResponseBytes.Should().Be(65_536);
        options.AnswerBudgetBytes.Should().Be(16 * 1024 * 1024);
        options.AnswerBudgetWait.Should().Be(TimeSpan.FromSeconds(10));
        options.MaxRedirects.Should().Be(3);
    }

    [Fact]
    public void Every_setting_is_read_and_the_edges_of_its_range_are_allowed()
    {
        var options = Read(
            ("Retries", "0"), ("RetryDelayMs", "0"), ("AttemptTimeoutSeconds", "0.1"), ("MaxResponseBytes", "16777216"),
            ("AnswerBudgetBytes", "16777216"), ("AnswerBudgetWaitSeconds", "0"), ("MaxRedirects", "10"),
            ("Targets:short", "https://hooks.example/a"), ("Targets:long:Url", "http://10.0.0.5:8080/b?x=1"), ("Targets:long:FollowRedirects", "True"));

        options.Retries.Should().Be(0, "0 retries means one delivery, not a setting to refuse");
        options.RetryDelay.Should().Be(TimeSpan.Zero);
        options.AttemptTimeout.Should().Be(TimeSpan.FromSeconds(0.1));
        options.MaxResponseBytes.Should().Be(16_777_216);
        options.AnswerBudgetBytes.Should().Be(16_777_216);
        options.AnswerBudgetWait.Should().Be(TimeSpan.Zero);
        options.MaxRedirects.Should().Be(10);
        options.Targets["short"].Should().Be(new WebhookTarget("short", new Uri("https://hooks.example/a"), FollowRedirects: false));
        options.Targets["long"].Should().Be(new WebhookTarget("long", new Uri("http://10.0.0.5:8080/b?x=1"), FollowRedirects: true));
    }

    [Theory]
    [InlineData("Retries", "-1")]
    [InlineData("Retries", "11")]
    [InlineData("Retries", "two")]
    [InlineData("Retries", "1.5")]
    [InlineData("Retries", "")]
    [InlineData("Retries", "99999999999999999999")]
    [InlineData("RetryDelayMs", "-10")]
    [InlineData("RetryDelayMs", "86400000")]
    [InlineData("AttemptTimeoutSeconds", "0")]
    [InlineData("AttemptTimeoutSeconds", "-5")]
    [InlineData("AttemptTimeoutSeconds", "0.001")]
    [InlineData("AttemptTimeoutSeconds", "86400")]
    [InlineData("AttemptTimeoutSeconds", "NaN")]
    [InlineData("AttemptTimeoutSeconds", "Infinity")]
    [InlineData("AttemptTimeoutSeconds", "1e400")]
    [InlineData("MaxResponseBytes", "0")]
    [InlineData("MaxResponseBytes", "16777217")]
    [InlineData("AnswerBudgetBytes", "0")]
    [InlineData("AnswerBudgetBytes", "1000")]
    [InlineData("AnswerBudgetWaitSeconds", "-1")]
    [InlineData("AnswerBudgetWaitSeconds", "1e9")]
    [InlineData("MaxRedirects", "0")]
    [InlineData("MaxRedirects", "50")]
    public void A_value_that_would_not_work_as_written_stops_the_start_naming_the_setting(string key, string value)
    {
        var act = () => Read((key, value));

        var message = act.Should().Throw<InvalidOperationException>().Which.Message;
        message.Should().StartWith($"Blux:Lite:Webhooks:{key} is '").And.NotContain("\n");
    }

    [Fact]
    public void A_budget_smaller_than_one_answer_is_refused_with_the_reason()
    {
        var act = () => Read(("MaxResponseBytes", "100000"), ("AnswerBudgetBytes", "99999"));

        act.Should().Throw<InvalidOperationException>().WithMessage("Blux:Lite:Webhooks:AnswerBudgetBytes is '99999': it must be at least MaxResponseBytes (100000)*");
    }

    [Theory]
    [InlineData("ftp://hooks.example/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/path")]
    [InlineData("hooks.example/no-scheme")]
    [InlineData("")]
    [InlineData("http://")]
    [InlineData("javascript:alert(1)")]
    public void A_target_that_is_not_an_absolute_http_url_stops_the_start(string url)
    {
        var act = () => Read(("Targets:billing:Url", url));

        act.Should().Throw<InvalidOperationException>().WithMessage("Blux:Lite:Webhooks:Targets:billing:Url needs an absolute http or https URL.");
    }

    [Fact]
    public void A_target_with_credentials_in_its_url_stops_the_start_without_repeating_them()
    {
        var act = () => Read(("Targets:billing", "https://user:s3cret@hooks.example/"));

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().StartWith("Blux:Lite:Webhooks:Targets:billing holds a user name or password").And.NotContain("s3cret");
    }

    [Theory]
    [InlineData("Targets:billing:FollowRedirects", "yes", "Blux:Lite:Webhooks:Targets:billing:FollowRedirects is 'yes': it must be true or false.")]
    [InlineData("Targets:billing:FolowRedirects", "true", "Blux:Lite:Webhooks:Targets:billing:FolowRedirects is not a setting Blux knows*")]
    [InlineData("Retry", "3", "Blux:Lite:Webhooks:Retry is not a setting Blux knows*")]
    public void A_misspelt_key_or_a_flag_that_is_not_a_boolean_stops_the_start(string key, string value, string message)
    {
        var act = () => Read(("Targets:billing:Url", "https://hooks.example/"), (key, value));

        act.Should().Throw<InvalidOperationException>().WithMessage(message);
    }

    [Fact]
    public void A_value_with_control_characters_is_shown_on_one_line()
    {
        var act = () => Read(("Retries", "1\n2\r3" + new string('9', 100)));

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().NotContainAny("\n", "\r").And.Contain("1?2?3").And.Contain("…");
    }
}
