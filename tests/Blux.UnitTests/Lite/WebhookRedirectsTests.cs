using System.Net;
using Blux.Modules.Lite.Routes;

namespace Blux.UnitTests.Lite;

public sealed class WebhookRedirectsTests
{
    private static readonly WebhookTarget Following = new("billing", new Uri("https://hooks.example:8443/in"), FollowRedirects: true);
    private static readonly WebhookHop First = new(Following.Url, WithBody: true);

    private static WebhookHop Next(string? location, HttpStatusCode status = HttpStatusCode.Found, WebhookTarget? target = null, WebhookHop? current = null, int followed = 0) =>
        WebhookRedirects.Next(target ?? Following, current ?? First, status, location is null ? null : new Uri(location, UriKind.RelativeOrAbsolute), followed, maxRedirects: 3);

    [Theory]
    [InlineData(301, true)]
    [InlineData(302, true)]
    [InlineData(303, true)]
    [InlineData(307, true)]
    [InlineData(308, true)]
    [InlineData(300, false)]
    [InlineData(304, false)]
    [InlineData(305, false)]
    [InlineData(306, false)]
    [InlineData(200, false)]
    public void Only_the_five_redirect_statuses_are_redirects(int status, bool redirect) =>
        WebhookRedirects.IsRedirect((HttpStatusCode)status).Should().Be(redirect);

    [Theory]
    [InlineData("/moved", "https://hooks.example:8443/moved")]
    [InlineData("moved", "https://hooks.example:8443/moved")]
    [InlineData("?v=2", "https://hooks.example:8443/in?v=2")]
    [InlineData("//hooks.example:8443/x", "https://hooks.example:8443/x")]
    [InlineData("https://HOOKS.example:8443/x", "https://hooks.example:8443/x")]
    [InlineData("HTTPS://hooks.example:8443/x", "https://hooks.example:8443/x")]
    [InlineData("/\\evil.example/x", "https://hooks.example:8443//evil.example/x")]
    public void A_location_within_the_targets_origin_is_followed(string location, string expected) =>
        Next(location).Url.Should().Be(new Uri(expected));

    [Theory]
    [InlineData("https://evil.example:8443/x")]
    [InlineData("//evil.example:8443/x")]
    [InlineData("http://hooks.example:8443/x")]
    [InlineData("https://hooks.example/x")]
    [InlineData("https://hooks.example:443/x")]
    [InlineData("https://hooks.example.:8443/x")]
    [InlineData("https://sub.hooks.example:8443/x")]
    [InlineData("https://user@hooks.example:8443/x")]
    [InlineData("https://127.0.0.1:8443/x")]
    [InlineData("https://2130706433:8443/x")]
    [InlineData("https://[::1]:8443/x")]
    [InlineData("https://localhost:8443/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://hooks.example:8443/x")]
    [InlineData("\\\\hooks.example\\x")]
    public void A_location_anywhere_else_is_refused(string location)
    {
        var act = () => Next(location);

        act.Should().Throw<RouteException>().Which.Code.Should().Be("WEBHOOK_REDIRECT_REFUSED");
    }

    [Theory]
    [InlineData("http://2130706433:5000/x")]
    [InlineData("http://0177.0.0.1:5000/x")]
    [InlineData("http://0x7f.1:5000/x")]
    [InlineData("http://127.1:5000/x")]
    [InlineData("http://0x7f000001:5000/x")]
    public void Numeric_forms_of_the_same_address_are_the_same_origin_and_localhost_is_not(string location)
    {
        var loopback = new WebhookTarget("local", new Uri("http://127.0.0.1:5000/in"), FollowRedirects: true);

        Next(location, target: loopback, current: new WebhookHop(loopback.Url, true)).Url.Host.Should().Be("127.0.0.1");
        var byName = () => Next("http://localhost:5000/x", target: loopback, current: new WebhookHop(loopback.Url, true));
        byName.Should().Throw<RouteException>().Which.Code.Should().Be("WEBHOOK_REDIRECT_REFUSED");
    }

    [Theory]
    [InlineData(301, true)]
    [InlineData(302, true)]
    [InlineData(303, false)]
    [InlineData(307, true)]
    [InlineData(308, true)]
    public void A_303_asks_with_a_get_and_the_others_send_the_body_again(int status, bool withBody)
    {
        var hop = Next("/next", (HttpStatusCode)status);

        hop.WithBody.Should().Be(withBody);
        hop.Method.Should().Be(withBody ? HttpMethod.Post : HttpMethod.Get);
    }

    [Fact]
    public void After_a_303_a_307_keeps_the_get()
    {
        var afterSeeOther = Next("/answer", HttpStatusCode.SeeOther);

        Next("/answer-2", HttpStatusCode.TemporaryRedirect, current: afterSeeOther, followed: 1).Method.Should().Be(HttpMethod.Get);
    }

    [Fact]
    public void A_target_without_follow_redirects_refuses_even_its_own_origin()
    {
        var plain = Following with { FollowRedirects = false };

        var act = () => Next("/moved", target: plain);

        act.Should().Throw<RouteException>().Which.Should().Match<RouteException>(e => e.Code == "WEBHOOK_REDIRECT_REFUSED" && !e.Transient);
    }

    [Fact]
    public void A_redirect_without_a_location_is_refused()
    {
        var act = () => Next(null);

        act.Should().Throw<RouteException>().WithMessage("*without a usable Location*");
    }

    [Fact]
    public void Redirects_past_the_limit_end_the_delivery()
    {
        Next("/again", followed: 2).Url.AbsolutePath.Should().Be("/again");

        var act = () => Next("/again", followed: 3);

        act.Should().Throw<RouteException>().Which.Code.Should().Be("WEBHOOK_TOO_MANY_REDIRECTS");
    }

    [Fact]
    public void The_refusal_names_the_allowed_origin_but_not_where_the_target_pointed()
    {
        var act = () => Next("https://evil.example/steal?token=abc");

        act.Should().Throw<RouteException>().Which.Message.Should().Contain("https://hooks.example:8443").And.NotContain("evil.example").And.NotContain("token");
    }
}
